extension CellEntry {
    /// The type of a variable whose value a worker restart lost, as later cells see it (always unavailable).
    ///
    /// Calls and member reads of it type-check, so that the compiler reports the variable's unavailability
    /// ("run %rerun") rather than that `Never` is no function.
    @dynamicCallable @dynamicMemberLookup
    public struct LostValue {
        public func dynamicallyCall(withKeywordArguments arguments: KeyValuePairs<String, Any>) -> LostValue { self }
        public subscript(dynamicMember member: String) -> LostValue { self }
    }
}
