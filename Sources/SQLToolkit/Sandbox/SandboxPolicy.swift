import SQLite

/// What untrusted SQL may ask of SQLite: the rules the sandbox's authorizer applies to every compiled action.
///
/// Denied: ATTACH and DETACH (they open files), every PRAGMA but a few schema readers (the others change the
/// connection or reach the file system: `writable_schema`, `journal_mode`, `temp_store_directory`, ...),
/// transaction control, virtual tables (some read files), functions that reach files or native code
/// (`load_extension`, `readfile`, `writefile`, `edit`, `fts3_tokenizer`), and the raw-page `sqlite_dbpage` table.
/// `VACUUM` compiles without consulting the authorizer, so the sandbox refuses it by its keyword instead.
public enum SandboxPolicy {
    /// PRAGMAs that only read the schema.
    public static let allowedPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "collation_list",
    ]

    /// SQL functions untrusted SQL may not call.
    public static let deniedFunctions: Set<String> = ["load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"]

    private static let deniedTables: Set<String> = ["sqlite_dbpage"]

    /// The verdict for one action, with the reason when it is denied.
    public static func decide(_ request: Connection.AuthorizerRequest) -> (verdict: Connection.AuthorizerVerdict, reason: String?) {
        typealias Action = Connection.AuthorizerRequest.Action
        let (first, second, _, _) = request.arguments
        switch request.action {
        case Action.attach:
            return (.deny, "ATTACH \(first.map { "'\($0)'" } ?? "") (opens a database file)")
        case Action.detach:
            return (.deny, "DETACH")
        case Action.pragma:
            let name = (first ?? "").lowercased()
            if allowedPragmas.contains(name) { return (.allow, nil) }
            return (.deny, "PRAGMA \(name)\(second.map { " = \($0)" } ?? "") (changes the connection or reaches files)")
        case Action.transaction, Action.savepoint:
            return (.deny, "transaction control (\(first ?? "")) (the sandbox runs single statements)")
        case Action.createVirtualTable, Action.dropVirtualTable:
            return (.deny, "virtual table \(first ?? "") using \(second ?? "") (modules may reach files)")
        case Action.function:
            let name = (second ?? "").lowercased()
            if deniedFunctions.contains(name) { return (.deny, "function \(name)() (reaches files or native code)") }
            return (.allow, nil)
        case Action.read, Action.insert, Action.update, Action.delete:
            if let table = first?.lowercased(), deniedTables.contains(table) { return (.deny, "table \(table) (raw database pages)") }
            return (.allow, nil)
        default:
            return (.allow, nil)
        }
    }
}
