// The Swift side of bench/retrieval/run.py: builds an `Embeddings` index over precomputed vectors and times
// top-10 queries. Usage: RetrievalBench <vectors.f32> <count> <dimension> <queries.f32> <query count> [index.sqlite]
// Prints one JSON object: build seconds (in memory, and into SQLite when a path is given), per-query seconds,
// the top-10 indices of every query (checked against Python's), and the peak resident memory.
import DSPy
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 6, let count = Int(arguments[2]), let dimension = Int(arguments[3]), let queryCount = Int(arguments[5]) else {
    FileHandle.standardError.write(Data("usage: RetrievalBench vectors.f32 count dimension queries.f32 query_count [index.sqlite]\n".utf8))
    exit(2)
}

func floats(_ path: String, rows: Int) throws -> [[Float]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard data.count == rows * dimension * 4 else {
        throw NSError(domain: "RetrievalBench", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(path): \(data.count) bytes, expected \(rows * dimension * 4)"])
    }
    let values = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    return (0..<rows).map { Array(values[$0 * dimension..<($0 + 1) * dimension]) }
}

/// Peak resident set size in MiB (VmHWM).
func peakMiB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}

let corpusVectors = try floats(arguments[1], rows: count)
let queryVectors = try floats(arguments[4], rows: queryCount)
// Texts "p<i>" and "q<j>" stand for the passages and queries; the embedder looks their vectors up (the same on
// both sides, so only the index is measured).
let embedder = Embedder(batchSize: 200) { texts in
    texts.map { text in
        let number = Int(text.dropFirst())!
        return text.first == "p" ? corpusVectors[number] : queryVectors[number]
    }
}
let passages = (0..<count).map { Passage(id: "p\($0)", text: "p\($0)") }

var started = Date()
let index = try Embeddings(passages: passages, embedder: embedder, k: 10)
let buildSeconds = Date().timeIntervalSince(started)

var persistedSeconds: Double? = nil
if arguments.count > 6 {
    try? FileManager.default.removeItem(atPath: arguments[6])
    started = Date()
    _ = try Embeddings(passages: passages, embedder: embedder, k: 10, path: arguments[6])
    persistedSeconds = Date().timeIntervalSince(started)
}

var querySeconds: [Double] = []
var results: [[Int]] = []
for query in 0..<queryCount {
    started = Date()
    let found = try index.search("q\(query)")
    querySeconds.append(Date().timeIntervalSince(started))
    results.append(found.map(\.index))
}

let report: [String: Any] = [
    "build_s": buildSeconds, "persisted_build_s": persistedSeconds as Any, "query_s": querySeconds, "top10": results,
    "peak_rss_mib": peakMiB(),
]
print(String(decoding: try JSONSerialization.data(withJSONObject: report), as: UTF8.self))
