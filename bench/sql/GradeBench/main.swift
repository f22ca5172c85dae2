// The Swift side of bench/sql/grading_throughput.py (target SQLGradeBench): grades the data file against itself (every prediction is
// the gold query) with SQLToolkit's ExecutionAccuracy, timing only the grading (wall clock and this process's CPU
// time), and prints one JSON line per thread count. Usage: SQLGradeBench DATA.jsonl REPEAT THREADS...
import Foundation
import JSON
import SQLToolkit

let arguments = CommandLine.arguments
guard arguments.count >= 4, let copies = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: SQLGradeBench DATA.jsonl REPEAT THREADS...\n".utf8))
    exit(2)
}
let records = try Text2SQLRecord.read(path: arguments[1])
var items: [GradingItem] = []
for copy in 0..<copies {
    for (index, record) in records.enumerated() {
        items.append(GradingItem(id: .string("\(copy)-\(index)"), context: record.sqlContext, gold: record.sql, predicted: record.sql))
    }
}

/// CPU time of this process (all threads), in seconds.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

for threads in arguments[3...].compactMap({ Int($0) }) {
    let start = ContinuousClock.now
    let cpuStart = processCPUSeconds()
    let report = try ExecutionAccuracy().grade(items, threads: threads)
    let cpuSeconds = processCPUSeconds() - cpuStart
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(JSONValue.object(["threads": .int(threads), "seconds": .double(seconds), "cpu_seconds": .double(cpuSeconds),
                            "examples": .int(items.count), "matched": .int(report.matched)]).serialized())
}
