// The Swift side of bench/sql/grading_throughput.py: grades the data file against itself (every prediction is
// the gold query) with SQLToolkit's ExecutionAccuracy, timing only the grading, and prints one JSON line per
// thread count. Usage: GradeBench DATA.jsonl REPEAT THREADS...
import Foundation
import JSON
import SQLToolkit

let arguments = CommandLine.arguments
guard arguments.count >= 4, let copies = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: GradeBench DATA.jsonl REPEAT THREADS...\n".utf8))
    exit(2)
}
let records = try Text2SQLRecord.read(path: arguments[1])
var items: [GradingItem] = []
for copy in 0..<copies {
    for (index, record) in records.enumerated() {
        items.append(GradingItem(id: .string("\(copy)-\(index)"), context: record.sqlContext, gold: record.sql, predicted: record.sql))
    }
}
for threads in arguments[3...].compactMap({ Int($0) }) {
    let start = ContinuousClock.now
    let report = try ExecutionAccuracy().grade(items, threads: threads)
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(JSONValue.object(["threads": .int(threads), "seconds": .double(seconds), "examples": .int(items.count),
                            "matched": .int(report.matched)]).serialized())
}
