import DSPyTesting
import Testing
@testable import DSPy

/// Parts that run at once, shown as if they ran in order: the current part live, later ones held back (a bar as its
/// latest state) until the parts before them close.
@Suite struct SequencedPresentationTests {
    static func state(_ completed: Int, of total: Int = 4) -> ProgressState {
        ProgressState(description: "part", completed: completed, total: total, elapsed: 1)
    }

    @Test func laterPartsWaitForEarlierOnesThenGoLive() {
        let recorder = RecordingPresenter()
        let sequence = SequencedPresentation(parts: 3, presenter: recorder)
        let first = sequence.presenter(for: 0), second = sequence.presenter(for: 1), third = sequence.presenter(for: 2)

        let secondBar = second.beginProgress(total: 4)
        secondBar.update(Self.state(1))
        secondBar.update(Self.state(2))
        second.log("second done?")
        third.log("third")
        sequence.close(2)
        let firstBar = first.beginProgress(total: 4)
        firstBar.finish(Self.state(4))
        first.log("first")
        #expect(recorder.transcript == ["[bar] part 4/4", "first"])
        #expect(recorder.progressUpdates == [Self.state(4)])

        sequence.close(0)
        // The second part's bar shows its latest state, then its line; from now on it is live.
        #expect(recorder.progressUpdates == [Self.state(4), Self.state(2)])
        #expect(recorder.transcript == ["[bar] part 4/4", "first", "second done?"])
        secondBar.finish(Self.state(4))
        sequence.close(1)
        #expect(recorder.transcript == ["[bar] part 4/4", "first", "second done?", "[bar] part 4/4", "third"])
    }

    @Test func nothingAfterTheLastPartIsShown() {
        let recorder = RecordingPresenter()
        let sequence = SequencedPresentation(parts: 3, presenter: recorder)
        sequence.presenter(for: 1).log("never")
        sequence.presenter(for: 0).log("stop here")
        sequence.close(0, last: true)
        sequence.presenter(for: 2).beginProgress(total: 1).finish(Self.state(1, of: 1))
        sequence.close(1)
        sequence.close(2)
        #expect(recorder.transcript == ["stop here"])
    }
}
