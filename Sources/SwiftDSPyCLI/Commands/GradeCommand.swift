import ArgumentParser
import Foundation
import SQLToolkit

/// `swift-dspy grade`: execution accuracy of a predictions file against a text-to-SQL data file.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grades predicted SQL by execution accuracy.",
        discussion: """
            Each prediction line is {"id": ..., "sql": ...}, matched to a data row by its "id" field, or by its \
            0-based line number when the data has no ids. Every query runs in a sandboxed in-memory SQLite \
            database built from the row's sql_context. Exits 0 whenever grading completed, whatever the accuracy.
            """)

    @Option(help: "JSON Lines data with sql_context and sql (and optionally id).")
    var data: String

    @Option(help: "JSON Lines predictions: {\"id\": ..., \"sql\": ...} per line.")
    var predictions: String

    @Option(help: "Where to write the JSON report (total, matched, rows with verdict and detail).")
    var report: String?

    @Option(help: "Threads to grade on (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let records = try Text2SQLRecord.read(path: data)
        let items = try PredictionMatcher.items(records: records, predictions: try JSONLines.read(path: predictions))
        let result = try ExecutionAccuracy().grade(items, threads: threads)
        print(result.summary)
        if let report {
            let text = result.json.serialized() + "\n"
            do {
                try text.write(toFile: report, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write the report to \(report): \(error.localizedDescription)")
            }
        }
    }
}
