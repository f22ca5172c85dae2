import Foundation

/// The libraries a Swift object file asks to be linked with: the `-l` flags the compiler records for each
/// import in the ELF section `.swift1_autolink_entries` (what `swift-autolink-extract` prints, read here
/// without starting a process).
enum AutolinkEntries {
    static let sectionName = ".swift1_autolink_entries"

    /// The entries in the 64-bit little-endian ELF object at `path`; empty when it has none.
    static func read(objectAt path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CellEngineError.internalCompilerFailure(output: "cannot read the object file \(path)")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 64, bytes[0...3] == [0x7F, 0x45, 0x4C, 0x46], bytes[4] == 2, bytes[5] == 1 else {
            throw CellEngineError.internalCompilerFailure(output: "\(path) is not a 64-bit little-endian ELF object")
        }
        func integer(_ offset: Int, _ size: Int) -> Int {
            guard offset >= 0, offset + size <= bytes.count else { return 0 }
            return (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        let sectionTable = integer(0x28, 8), entrySize = integer(0x3A, 2), count = integer(0x3C, 2)
        let namesHeader = sectionTable + integer(0x3E, 2) * entrySize
        let namesOffset = integer(namesHeader + 0x18, 8)
        for index in 0..<count {
            let header = sectionTable + index * entrySize
            let nameStart = namesOffset + integer(header, 4)
            guard nameStart < bytes.count,
                  let nameEnd = bytes[nameStart...].firstIndex(of: 0),
                  String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self) == sectionName else { continue }
            let start = integer(header + 0x18, 8), size = integer(header + 0x20, 8)
            guard start + size <= bytes.count else { return [] }
            return bytes[start..<start + size].split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        }
        return []
    }
}
