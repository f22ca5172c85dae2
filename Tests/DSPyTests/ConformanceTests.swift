import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// Renders and parses the cases in Tests/Conformance/cases.json with this port and with Python DSPy 3.4.1 (run
/// live from the test venv), and requires identical messages and identical parse outcomes.
@Suite struct ConformanceTests {
    static let casesURL = ReferencePython.repositoryRoot.appendingPathComponent("Tests/Conformance/cases.json")

    static let cases: Result<JSONValue, ConformanceSetupError> = Result {
        try JSONValue(parsing: Data(contentsOf: casesURL))
    }.mapError { ConformanceSetupError(reason: "cannot read \(casesURL.path): \($0)") }

    static let reference: Result<JSONValue, ConformanceSetupError> = Result { try runReference() }
        .mapError { $0 as? ConformanceSetupError ?? ConformanceSetupError(reason: "\($0)") }

    static func runReference() throws -> JSONValue {
        do {
            let output = try ReferencePython.runScript("Tests/Conformance/dspy_reference.py", arguments: [casesURL.path])
            return try JSONValue(parsing: Data(output.utf8))
        } catch let failure as ReferencePython.Failure {
            throw ConformanceSetupError(reason: "the Python DSPy reference failed: \(failure)")
        }
    }

    static func signature(_ name: String, cot: Bool) throws -> Signature {
        let spec = try cases.get()["signatures"]![name]!
        var signature: Signature
        if let text = spec["string"]?.stringValue {
            signature = try Signature(text, instructions: spec["instructions"]?.stringValue)
        } else {
            let fields = try spec["fields"]!.arrayValue!.map { field in
                let name = field["name"]!.stringValue!
                let type = try field["type"]?.stringValue.map { try FieldType(annotation: $0, field: name) } ?? .string
                return SignatureField(
                    name: name, kind: field["kind"] == "input" ? .input : .output, type: type,
                    desc: field["desc"]?.stringValue, prefix: field["prefix"]?.stringValue)
            }
            signature = Signature(fields: fields, instructions: spec["instructions"]?.stringValue)
        }
        return cot ? ChainOfThought(signature).predict.signature : signature
    }

    static func adapter(_ spec: JSONValue) -> any Adapter {
        switch spec["adapter"] {
        case "json": JSONAdapter()
        case "xml": XMLAdapter()
        default: ChatAdapter()
        }
    }

    static var renderCases: [Int] { (0..<((try? cases.get()["render"]?.arrayValue?.count) ?? 0)).map { $0 } }
    static var parseCases: [Int] { (0..<((try? cases.get()["parse"]?.arrayValue?.count) ?? 0)).map { $0 } }

    @Test func enoughCases() throws {
        #expect(try Self.cases.get()["render"]!.arrayValue!.count >= 12)
        #expect(try Self.cases.get()["parse"]!.arrayValue!.count >= 20)
    }

    @Test(arguments: renderCases) func renderMatchesPythonDSPy(index: Int) throws {
        let spec = try Self.cases.get()["render"]!.arrayValue![index]
        let expected = try Self.reference.get()["render"]!.arrayValue![index]
        let signature = try Self.signature(spec["signature"]!.stringValue!, cot: spec["cot"] == true)
        let demos = (spec["demos"]?.arrayValue ?? []).map { Example(dictionary: $0.objectValue!) }
        let messages = Self.adapter(spec).format(signature, demos: demos, inputs: spec["inputs"]!.objectValue!)
        let expectedMessages = expected["messages"]!.arrayValue!
        #expect(messages.count == expectedMessages.count, "\(spec["name"]!): message count")
        for (message, reference) in zip(messages, expectedMessages) {
            #expect(message.role == reference["role"]!.stringValue!, "\(spec["name"]!): role")
            #expect(message.content == reference["content"]!.stringValue!, "\(spec["name"]!): \(message.role) message differs")
        }
    }

    @Test(arguments: parseCases) func parseMatchesPythonDSPy(index: Int) throws {
        let spec = try Self.cases.get()["parse"]!.arrayValue![index]
        let expected = try Self.reference.get()["parse"]!.arrayValue![index]
        let signature = try Self.signature(spec["signature"]!.stringValue!, cot: spec["cot"] == true)
        let name = spec["name"]!.pythonStr
        do {
            let fields = try Self.adapter(spec).parse(signature, completion: spec["completion"]!.stringValue!)
            guard let reference = expected["ok"]?.objectValue else {
                Issue.record("\(name): Python DSPy failed to parse (\(expected["error"]!)) but this port read \(fields)")
                return
            }
            #expect(fields.mapValues(\.pythonRepr) == reference.mapValues(\.pythonStr), "\(name)")
        } catch let error as AdapterParseError {
            #expect(expected["error"] != nil, "\(name): this port failed to parse but Python DSPy read \(expected["ok"]!): \(error)")
        }
    }
}

struct ConformanceSetupError: Error, CustomStringConvertible {
    let reason: String
    var description: String { "Conformance with Python DSPy cannot run: \(reason)" }
}
