import Foundation
import JSON
import JupyterProtocol

/// A small deterministic PRNG so a failing run can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Valid messages of the kinds a kernel receives, the starting points for mutation.
enum SeedMessages {
    static func make(session: Session) -> [Message] {
        [
            session.message("execute_request", content: ["code": "print(1)", "silent": false, "store_history": true,
                                                         "user_expressions": ["x": "1"], "allow_stdin": true]),
            session.message("kernel_info_request", content: [:]),
            session.message("complete_request", content: ["code": "pri", "cursor_pos": 3]),
            session.message("history_request", content: ["hist_access_type": "search", "pattern": "a*[b-c]?",
                                                         "unique": true, "output": false, "raw": true]),
            session.message("comm_open", content: ["comm_id": "c1", "target_name": "t", "data": ["k": [1, 2.5, nil]]]),
            session.message("input_reply", content: ["value": "héllo \u{1F600}"]),
        ]
    }
}

/// Byte-, frame- and JSON-level mutations of a frame set.
enum Mutator {
    static func mutate(_ frames: [Data], using random: inout SplitMix64) -> [Data] {
        var frames = frames
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: frames = (0..<Int.random(in: 0...8, using: &random)).map { _ in randomBytes(&random) }
            case 1 where !frames.isEmpty: frames.remove(at: Int.random(in: 0..<frames.count, using: &random))
            case 2 where !frames.isEmpty:
                let index = Int.random(in: 0..<frames.count, using: &random)
                frames.insert(frames[index], at: index)
            case 3: frames.insert(randomBytes(&random), at: Int.random(in: 0...frames.count, using: &random))
            case 4 where !frames.isEmpty:
                let index = Int.random(in: 0..<frames.count, using: &random)
                frames[index] = flipBits(frames[index], &random)
            case 5 where !frames.isEmpty:
                let index = Int.random(in: 0..<frames.count, using: &random)
                frames[index] = frames[index].prefix(Int.random(in: 0...frames[index].count, using: &random))
            case 6 where frames.count > 3:
                frames[Int.random(in: 2..<frames.count, using: &random)] = Data(jsonish(&random, depth: 0).utf8)
            case 7: frames.insert(WireCodec.delimiter, at: Int.random(in: 0...frames.count, using: &random))
            case 8 where frames.count > 3:
                // Deep nesting probes the parser's recursion limits.
                let depth = Int.random(in: 1...5000, using: &random)
                frames[Int.random(in: 2..<frames.count, using: &random)] =
                    Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            default: frames.shuffle(using: &random)
            }
        }
        return frames
    }

    private static func randomBytes(_ random: inout SplitMix64) -> Data {
        Data((0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    private static func flipBits(_ frame: Data, _ random: inout SplitMix64) -> Data {
        guard !frame.isEmpty else { return frame }
        var bytes = [UInt8](frame)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
        }
        return Data(bytes)
    }

    private static func jsonish(_ random: inout SplitMix64, depth: Int) -> String {
        let atoms = ["null", "true", "1e309", "-0", "\"\\ud800\"", "\"msg_id\"", "{}", "[]", "\"\\u0000\"", "1.5",
                     "9223372036854775808", "{\"msg_id\":1}", "\"", ":", ",", "{\"msg_id\":\"a\",\"msg_type\":\"b\"}"]
        guard depth < 4, Bool.random(using: &random) else { return atoms.randomElement(using: &random)! }
        let parts = (0..<Int.random(in: 0...4, using: &random)).map { _ in jsonish(&random, depth: depth + 1) }
        return Bool.random(using: &random) ? "[" + parts.joined(separator: ",") + "]"
            : "{" + parts.enumerated().map { "\"k\($0.offset)\":\($0.element)" }.joined(separator: ",") + "}"
    }
}
