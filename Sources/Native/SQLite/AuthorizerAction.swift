import CSQLite

extension Connection.AuthorizerRequest {
    /// The action codes SQLite passes to an authorizer (`SQLITE_*` in sqlite3.h), named for Swift callers that do
    /// not import the C module.
    public enum Action {
        public static let createIndex = SQLITE_CREATE_INDEX
        public static let createTable = SQLITE_CREATE_TABLE
        public static let createTempIndex = SQLITE_CREATE_TEMP_INDEX
        public static let createTempTable = SQLITE_CREATE_TEMP_TABLE
        public static let createTempTrigger = SQLITE_CREATE_TEMP_TRIGGER
        public static let createTempView = SQLITE_CREATE_TEMP_VIEW
        public static let createTrigger = SQLITE_CREATE_TRIGGER
        public static let createView = SQLITE_CREATE_VIEW
        public static let delete = SQLITE_DELETE
        public static let dropIndex = SQLITE_DROP_INDEX
        public static let dropTable = SQLITE_DROP_TABLE
        public static let dropTempIndex = SQLITE_DROP_TEMP_INDEX
        public static let dropTempTable = SQLITE_DROP_TEMP_TABLE
        public static let dropTempTrigger = SQLITE_DROP_TEMP_TRIGGER
        public static let dropTempView = SQLITE_DROP_TEMP_VIEW
        public static let dropTrigger = SQLITE_DROP_TRIGGER
        public static let dropView = SQLITE_DROP_VIEW
        public static let insert = SQLITE_INSERT
        public static let pragma = SQLITE_PRAGMA
        public static let read = SQLITE_READ
        public static let select = SQLITE_SELECT
        public static let transaction = SQLITE_TRANSACTION
        public static let update = SQLITE_UPDATE
        public static let attach = SQLITE_ATTACH
        public static let detach = SQLITE_DETACH
        public static let alterTable = SQLITE_ALTER_TABLE
        public static let reindex = SQLITE_REINDEX
        public static let analyze = SQLITE_ANALYZE
        public static let createVirtualTable = SQLITE_CREATE_VTABLE
        public static let dropVirtualTable = SQLITE_DROP_VTABLE
        public static let function = SQLITE_FUNCTION
        public static let savepoint = SQLITE_SAVEPOINT
        public static let recursive = SQLITE_RECURSIVE
    }
}
