// Fuzzes the Jupyter wire decoder, message parser and typed content reader with random and mutated frame sets.
// Usage: KernelWireFuzz [inputs (default 100000)] [seed]. Exits non-zero only if an input is accepted that must
// not be (a signed decoder admitting a mutated signature); a crash is the other failure this looks for.
import Foundation
import JupyterProtocol

let arguments = CommandLine.arguments
let total = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
var random = SplitMix64(seed: arguments.count > 2 ? UInt64(arguments[2]) ?? 1399 : 1399)

let key = "fuzz-key"
let signed = WireCodec(signer: try MessageSigner(key: key))
// With signing disabled every input reaches the JSON parser, which is what the mutations aim at.
let unsigned = WireCodec(signer: try MessageSigner(key: ""))
let seeds = SeedMessages.make(session: Session())

var outcomes: [String: Int] = [:]
var forgeries = 0
let started = Date()
for index in 0..<total {
    let seed = seeds[index % seeds.count]
    let frames = Mutator.mutate(signed.encode(seed), using: &random)
    for (name, codec) in [("signed", signed), ("unsigned", unsigned)] {
        do {
            let decoded = try codec.decode(frames)
            outcomes["\(name): accepted", default: 0] += 1
            if name == "signed", !frames.contains(where: { $0 == WireCodec.delimiter }) { forgeries += 1 }
            _ = decoded.message.header.json
            if name == "unsigned" { outcomes[readContent(of: decoded.message), default: 0] += 1 }
        } catch {
            outcomes["\(name): \(error.kind)", default: 0] += 1
        }
    }
}
let seconds = Date().timeIntervalSince(started)
print("fed \(total) frame sets to a signed and an unsigned decoder in \(String(format: "%.1f", seconds)) s")
for (outcome, count) in outcomes.sorted(by: { $0.key < $1.key }) { print("  \(outcome): \(count)") }
if forgeries > 0 {
    print("FAIL: \(forgeries) inputs without a delimiter were accepted")
    exit(1)
}

/// Reads an accepted message's content as its typed request, the way the kernel does before dispatching it.
func readContent(of message: Message) -> String {
    do {
        return try KernelRequest(message) == nil ? "content: not a request" : "content: read"
    } catch {
        return "content: rejected"
    }
}

extension WireError {
    /// The reason with counts replaced by N, for the histogram.
    var kind: String { description.replacingOccurrences(of: "[0-9]+", with: "N", options: .regularExpression) }
}
