import Foundation
import JSON

/// A Jupyter notebook in nbformat 4: metadata and an ordered list of cells.
///
/// Metadata is kept as JSON so that whatever other tools stored there (kernelspec, jupytext, papermill,
/// widgets, …) survives a read and a write unchanged.
public struct Notebook: Equatable, Sendable {
    /// The major format version; only 4 is read.
    public var nbformat: Int
    /// The minor format version; 5 and later carry cell ids.
    public var nbformatMinor: Int
    /// Notebook-level metadata (`kernelspec`, `language_info`, and anything else).
    public var metadata: [String: JSONValue]
    /// The cells, in order.
    public var cells: [Cell]

    /// A notebook with the given cells, in nbformat 4.5.
    public init(cells: [Cell] = [], metadata: [String: JSONValue] = [:], nbformat: Int = 4, nbformatMinor: Int = 5) {
        self.nbformat = nbformat
        self.nbformatMinor = nbformatMinor
        self.metadata = metadata
        self.cells = cells
    }

    /// The kernelspec metadata naming the project's Jupyter kernel, "Swift (DSPy)".
    public static let swiftDSPyKernelspec: JSONValue = [
        "display_name": "Swift (DSPy)",
        "language": "swift",
        "name": "swift-dspy",
    ]

    /// Whether cells carry ids (nbformat 4.5 and later).
    var usesCellIDs: Bool { nbformat > 4 || (nbformat == 4 && nbformatMinor >= 5) }

    /// Gives every cell without one a stable id derived from its position and source, as nbformat 4.5 requires.
    ///
    /// Ids are derived rather than random so that converting the same script twice yields the same notebook.
    public mutating func assignMissingCellIDs() {
        guard usesCellIDs else { return }
        var used = Set(cells.compactMap(\.id))
        for index in cells.indices where cells[index].id == nil {
            var candidate = Self.stableID(for: cells[index].source, salt: index)
            var attempt = 0
            while used.contains(candidate) {
                attempt += 1
                candidate = Self.stableID(for: cells[index].source, salt: index &+ attempt &* 7919)
            }
            used.insert(candidate)
            cells[index].id = candidate
        }
    }

    /// FNV-1a over the source and a salt, printed as 16 hex digits (within nbformat's `^[a-zA-Z0-9-_]{1,64}$`).
    private static func stableID(for source: String, salt: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(source.utf8) + withUnsafeBytes(of: Int64(salt).littleEndian, Array.init) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
