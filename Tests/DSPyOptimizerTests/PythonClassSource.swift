import DSPyTesting
import Foundation

/// The source of a class in one of the Python fixtures, as `inspect.getsource` gives it: from its `class` line to the
/// last line of its body, with one closing newline. Conformance tests show it to prompts that quote program code.
func pythonClassSource(_ name: String, in fixture: String) -> String {
    let path = ReferencePython.repositoryRoot.appendingPathComponent("Tests/DSPyOptimizerTests/Fixtures/\(fixture)")
    guard let text = try? String(contentsOf: path, encoding: .utf8) else { fatalError("cannot read \(path.path)") }
    let lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix("class \(name)(") }) else {
        fatalError("\(fixture) has no class \(name)")
    }
    var body = [lines[start]]
    for line in lines[(start + 1)...] {
        if !line.isEmpty && !line.hasPrefix(" ") { break }
        body.append(line)
    }
    while body.last?.isEmpty == true { body.removeLast() }
    return body.joined(separator: "\n") + "\n"
}
