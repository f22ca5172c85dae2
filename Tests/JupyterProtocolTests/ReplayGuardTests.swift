import Foundation
import JupyterProtocol
import Testing

@Suite struct ReplayGuardTests {
    @Test func admitsEachSignatureOnce() {
        var guardian = ReplayGuard()
        let signature = Data("abc".utf8)
        let admitted = [guardian.admit(signature), guardian.admit(signature), guardian.admit(Data("abd".utf8))]
        #expect(admitted == [true, false, true])
    }

    @Test func forgetsOnlyTheOldestPastCapacity() {
        var guardian = ReplayGuard(capacity: 2)
        let a = Data("a".utf8), b = Data("b".utf8), c = Data("c".utf8)
        let admitted = [guardian.admit(a), guardian.admit(b), guardian.admit(c), guardian.admit(b),
                        guardian.admit(c), guardian.admit(a)]
        #expect(admitted == [true, true, true, false, false, true])
    }

    @Test func emptySignaturesPassWhenSigningIsOff() {
        var guardian = ReplayGuard()
        let admitted = [guardian.admit(Data()), guardian.admit(Data())]
        #expect(admitted == [true, true])
    }
}
