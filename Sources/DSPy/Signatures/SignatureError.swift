/// A signature that cannot be built: a malformed string form, a duplicate field, an unknown type.
public enum SignatureError: Error, Equatable, CustomStringConvertible {
    /// The string form does not contain exactly one `->`.
    case missingArrow(signature: String)
    /// Two commas in a row, or a comma before the first field.
    case emptyFieldName(signature: String)
    /// A field name is not an identifier.
    case invalidFieldName(String, signature: String)
    /// Two fields share a name.
    case duplicateField(String)
    /// A field's type annotation cannot be read.
    case invalidType(field: String, annotation: String, reason: String)
    /// An insert position is outside the input or output fields.
    case invalidInsertIndex(Int, count: Int)
    /// `loadState` was given a state that does not fit this signature.
    case invalidState(String)

    public var description: String {
        switch self {
        case .missingArrow(let signature):
            "Invalid signature format: '\(signature)', must contain exactly one '->'."
        case .emptyFieldName(let signature):
            "Invalid signature format: '\(signature)', a field name is missing between commas."
        case .invalidFieldName(let name, let signature):
            "Invalid field name '\(name)' in signature '\(signature)': field names must be identifiers."
        case .duplicateField(let name):
            "Duplicate field name '\(name)': input and output fields must have distinct names."
        case .invalidType(let field, let annotation, let reason):
            "Invalid type '\(annotation)' for field '\(field)': \(reason)."
        case .invalidInsertIndex(let index, let count):
            "Invalid index to insert: \(index), index must be in the range of [\(count - 1), \(count)]."
        case .invalidState(let reason):
            "Invalid saved signature state: \(reason)."
        }
    }
}
