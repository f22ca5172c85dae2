import DSPyTesting
import Foundation
import Testing
@testable import DSPy

@Suite struct DataLoaderTests {
    struct Reference: Decodable {
        let train: [Int]
        let test: [Int]
        let splitTrain: [Int]
        let splitValidation: [Int]
        let defaultTrain: [Int]
        let defaultTest: [Int]
    }

    /// The walkthrough's draws: seed 1399, 100 and 75 rows sampled, then a 0.25 split with random_state 1399.
    @Test func walkthroughSamplingMatchesPythonDSPy() throws {
        let reference = try ReferencePython.json(Reference.self, """
        import json, random
        from dspy.datasets.dataloader import DataLoader
        dl = DataLoader()
        random.seed(1399)
        train = dl.sample(list(range(1000)), 100)
        test = dl.sample(list(range(150)), 75)
        split = dl.train_test_split(train, test_size=0.25, random_state=1399)
        default = dl.train_test_split(list(range(37)))
        print(json.dumps({"train": train, "test": test, "splitTrain": split["train"], "splitValidation": split["test"],
                          "defaultTrain": default["train"], "defaultTest": default["test"]}))
        """)
        var loader = DataLoader(seed: 1399)
        let train = try loader.sample(Array(0..<1000), n: 100)
        let test = try loader.sample(Array(0..<150), n: 75)
        let split = try loader.trainTestSplit(train, testSize: 0.25, randomState: 1399)
        let defaultSplit = try loader.trainTestSplit(Array(0..<37))
        #expect(train == reference.train)
        #expect(test == reference.test)
        #expect(split.train == reference.splitTrain)
        #expect(split.test == reference.splitValidation)
        #expect((split.train.count, split.test.count) == (75, 25))
        #expect(defaultSplit.train == reference.defaultTrain)
        #expect(defaultSplit.test == reference.defaultTest)
    }

    @Test func badSizesAreClearErrors() {
        var loader = DataLoader(seed: 0)
        #expect(throws: DatasetError.self) { try loader.sample([1, 2, 3], n: 4) }
        #expect(throws: DatasetError.self) { try loader.trainTestSplit([1, 2, 3], trainSize: 1.5) }
        do {
            _ = try loader.trainTestSplit(Array(0..<10), trainSize: 8, testSize: 3)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("cannot exceed the total number of samples"))
        }
    }
}
