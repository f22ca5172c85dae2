import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// The Swift twins of the pydantic models in Tests/Conformance/typed_reference.py.
enum Mood: String, Codable, CaseIterable { case happy, sad, neutral }
enum Priority: Int, Codable, CaseIterable { case low = 1, high = 2 }

struct Address: Codable, Equatable {
    var street: String
    var city: String
    var zip_code: String?
}

struct Person: Codable, Equatable, SchemaDescribed {
    var name: String
    var age: Int
    var mood: Mood
    var address: Address
    var tags: [String]
    var nickname: String?
    var scores: [String: Double]

    static let schemaDescription: String? = "A person mentioned in the text."
    static let fieldDescriptions = ["age": "Age in years", "address": "Where they live"]
}

/// Codable fields against live Python DSPy 3.4.1 with the equivalent pydantic models: prompts and structured-output
/// schemas byte for byte, parsed values equal, and the same replies rejected (naming the field).
@Suite struct TypedFieldTests {
    static let casesURL = ReferencePython.repositoryRoot.appendingPathComponent("Tests/Conformance/typed_cases.json")
    static let cases: Result<JSONValue, ConformanceSetupError> = Result { try JSONValue(parsing: Data(contentsOf: casesURL)) }
        .mapError { ConformanceSetupError(reason: "cannot read \(casesURL.path): \($0)") }
    static let reference: Result<JSONValue, ConformanceSetupError> = Result {
        try JSONValue(parsing: Data(ReferencePython.runScript("Tests/Conformance/typed_reference.py", arguments: [casesURL.path]).utf8))
    }.mapError { ConformanceSetupError(reason: "the Python DSPy reference failed: \($0)") }

    static let types: [String: FieldType] = [
        "str": .string,
        "Person": try! FieldType(describing: Person.self),
        "list[Person]": try! FieldType(describing: [Person].self),
        "Optional[Person]": try! FieldType(describing: Person?.self),
        "Mood": try! FieldType(describing: Mood.self),
        "Priority": try! FieldType(describing: Priority.self),
    ]

    static func signature(_ spec: JSONValue) -> Signature {
        Signature(fields: spec["fields"]!.arrayValue!.map { field in
            let parts = field.arrayValue!.map { $0.stringValue! }
            return SignatureField(name: parts[0], kind: parts[1] == "input" ? .input : .output, type: types[parts[2]]!)
        })
    }

    static func adapter(_ spec: JSONValue) -> any Adapter { spec["adapter"] == "json" ? JSONAdapter() : ChatAdapter() }

    static var renderCases: [Int] { Array(0..<((try? cases.get()["render"]?.arrayValue?.count) ?? 0)) }
    static var parseCases: [Int] { Array(0..<((try? cases.get()["parse"]?.arrayValue?.count) ?? 0)) }

    @Test func describesCodableTypesAsPydanticDoes() throws {
        #expect(Self.types["Person"]!.annotationName == "Person")
        #expect(Self.types["list[Person]"]!.annotationName == "list[Person]")
        #expect(Self.types["Optional[Person]"]!.annotationName == "Union[Person, NoneType]")
        guard case .object(let person) = Self.types["Person"]! else { Issue.record("Person is not a model"); return }
        #expect(person.properties.map(\.name) == ["name", "age", "mood", "address", "tags", "nickname", "scores"])
        #expect(person.properties.map(\.isRequired) == [true, true, true, true, true, false, true])
        #expect(Self.renderCases.count >= 7 && Self.parseCases.count >= 8)
    }

    @Test(arguments: renderCases) func renderMatchesPythonDSPy(index: Int) throws {
        let spec = try Self.cases.get()["render"]!.arrayValue![index]
        let expected = try Self.reference.get()["render"]!.arrayValue![index]
        let signature = Self.signature(spec)
        let demos = (spec["demos"]?.arrayValue ?? []).map { Example(dictionary: $0.objectValue!) }
        let messages = Self.adapter(spec).format(signature, demos: demos, inputs: spec["inputs"]!.objectValue!)
        let reference = expected["messages"]!.arrayValue!
        #expect(messages.count == reference.count, "\(spec["name"]!)")
        for (message, python) in zip(messages, reference) {
            #expect(message.role == python["role"]!.stringValue!)
            #expect(message.content == python["content"]!.stringValue!, "\(spec["name"]!): \(message.role) message differs")
        }
        if let schema = expected["structured_outputs_schema"], schema != .null {
            let format = JSONAdapter.responseFormat(for: signature, capabilities: ModelCapabilities.catalog(for: "openai/gpt-4o-mini"))
            #expect(format?["json_schema"]?["schema"] == schema, "\(spec["name"]!): structured outputs schema differs")
        }
    }

    @Test(arguments: parseCases) func parseMatchesPythonDSPy(index: Int) throws {
        let spec = try Self.cases.get()["parse"]!.arrayValue![index]
        let expected = try Self.reference.get()["parse"]!.arrayValue![index]
        let name = spec["name"]!.pythonStr
        do {
            let fields = try Self.adapter(spec).parse(Self.signature(spec), completion: spec["completion"]!.stringValue!)
            #expect(expected["ok"] == true, "\(name): Python failed (\(expected["error"] ?? .null)) but this port read \(fields)")
            #expect(JSONValue.object(fields).pythonJSON() == expected["values"]?.stringValue, "\(name)")
        } catch let error as AdapterParseError {
            #expect(expected["ok"] == false, "\(name): this port failed but Python read \(expected["values"] ?? .null): \(error)")
            for word in spec["error_names"]?.arrayValue ?? [] {
                #expect(error.description.contains(word.stringValue!), "\(name): the error does not name \(word): \(error)")
            }
        }
    }

    @Test func predictReturnsTheSwiftValue() throws {
        let signature = Signature {
            InputField("text")
            OutputField("person", type: Person.self)
            OutputField("mood", type: Mood.self)
        }
        let lm = DummyLM(completions: [
            "[[ ## person ## ]]\n{\"name\": \"Ann\", \"age\": 31, \"mood\": \"sad\", \"address\": {\"street\": \"s\", \"city\": \"c\"}, \"tags\": [\"x\"], \"scores\": {\"a\": 1}}\n\n[[ ## mood ## ]]\nhappy\n\n[[ ## completed ## ]]",
        ])
        let prediction = try Predict(signature).call(["text": "Ann"], lm: lm)
        let person = try prediction.value("person", as: Person.self)
        #expect(person == Person(name: "Ann", age: 31, mood: .sad, address: Address(street: "s", city: "c"), tags: ["x"], nickname: nil, scores: ["a": 1]))
        #expect(try prediction.value("mood", as: Mood.self) == .happy)
        #expect(throws: PredictionValueError.self) { try prediction.value("mood", as: Int.self) }
        let input = try JSONValue(encoding: person)
        #expect(input["address"]?["city"] == "c")
    }

    @Test func typesThatCannotBeDescribedAreNamed() {
        enum Loose: String, Codable { case a }
        struct Holder: Codable { var loose: Loose }
        #expect(throws: SchemaError.self) { try FieldType(describing: Holder.self) }
        do {
            _ = try FieldType(describing: Holder.self)
        } catch {
            #expect("\(error)".contains("Loose"))
        }
    }
}
