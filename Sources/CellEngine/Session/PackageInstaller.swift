import Foundation

/// Adds SwiftPM packages to a session (`%install`): builds them into one dynamic library that the worker
/// loads globally, and makes their modules importable by later cells.
///
/// ```
/// %install .package(path: "/path/to/Package") ProductName
/// %install .package(url: "https://github.com/owner/repo", from: "1.0.0") ProductName OtherProduct
/// ```
struct PackageInstaller: Sendable {
    /// A dependency line and the products cells want from it.
    struct Request: Sendable, Equatable {
        var dependency: String
        var products: [String]

        /// Parses `.package(...) Product...`; nil when the line has no `.package(...)` or no product.
        init?(parsing line: String) {
            guard line.hasPrefix(".package("), let close = Self.matchingParenthesis(in: line) else { return nil }
            dependency = String(line[...close])
            products = line[line.index(after: close)...].split(whereSeparator: \.isWhitespace).map(String.init)
            if products.isEmpty { return nil }
        }

        /// The package's identity as SwiftPM derives it: the last path component of its URL or path.
        var packageIdentity: String? {
            guard let start = dependency.range(of: "\"")?.upperBound,
                  let end = dependency[start...].range(of: "\"")?.lowerBound else { return nil }
            var name = dependency[start..<end].split(separator: "/").last.map(String.init) ?? ""
            if name.hasSuffix(".git") { name.removeLast(4) }
            return name.isEmpty ? nil : name.lowercased()
        }

        private static func matchingParenthesis(in text: String) -> String.Index? {
            var depth = 0
            var inString = false
            for index in text.indices {
                switch text[index] {
                case "\"": inString.toggle()
                case "(" where !inString: depth += 1
                case ")" where !inString:
                    depth -= 1
                    if depth == 0 { return index }
                default: break
                }
            }
            return nil
        }
    }

    /// What an install produced: the library to load and the flags that let cells import its modules.
    struct Installed: Sendable {
        var library: URL
        var compilerFlags: [String]
    }

    let toolchain: Toolchain
    let directory: URL

    /// Builds all `requests` so far into one library (a new name per install, as loaded libraries are never
    /// replaced), streaming the build's output to `log`.
    func install(_ requests: [Request], generation: Int, log: (String) -> Void) throws -> Installed {
        let name = "SessionPackages\(generation)"
        let root = directory.appendingPathComponent("packages")
        let sources = root.appendingPathComponent("Sources").appendingPathComponent(name)
        try? FileManager.default.removeItem(at: root.appendingPathComponent("Sources"))
        var products: [String] = []
        for request in requests {
            guard let identity = request.packageIdentity else {
                throw CellEngineError.packageInstall("cannot tell the package name from \(request.dependency)")
            }
            products += request.products.map { ".product(name: \"\($0)\", package: \"\(identity)\")" }
        }
        let manifest = """
            // swift-tools-version: 5.9
            import PackageDescription
            let package = Package(
                name: "SessionPackages",
                products: [.library(name: "\(name)", type: .dynamic, targets: ["\(name)"])],
                dependencies: [\(requests.map(\.dependency).joined(separator: ", "))],
                targets: [.target(name: "\(name)", dependencies: [\(products.joined(separator: ", "))])]
            )
            """
        let exports = requests.flatMap(\.products).map { "@_exported import \($0)" }.joined(separator: "\n")
        do {
            try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
            try manifest.write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
            try (exports + "\n").write(to: sources.appendingPathComponent("Exports.swift"), atomically: true, encoding: .utf8)
        } catch {
            throw CellEngineError.sessionStorage(path: root.path, reason: "\(error)")
        }
        let swift = URL(fileURLWithPath: toolchain.swiftc).deletingLastPathComponent().appendingPathComponent("swift").path
        log("Building \(requests.flatMap(\.products).joined(separator: ", "))…\n")
        let build = try CompilerProcess.run(swift, ["build", "--package-path", root.path, "--product", name])
        guard build.succeeded else { throw CellEngineError.packageInstall(build.output) }
        let bin = try CompilerProcess.run(swift, ["build", "--package-path", root.path, "--show-bin-path"])
        let binDirectory = URL(fileURLWithPath: bin.output.trimmingCharacters(in: .whitespacesAndNewlines))
        let packageToolchain = Toolchain(swiftc: toolchain.swiftc, binDirectory: binDirectory)
        return Installed(library: binDirectory.appendingPathComponent("lib\(name).so"),
                         compilerFlags: packageToolchain.moduleFlags())
    }
}
