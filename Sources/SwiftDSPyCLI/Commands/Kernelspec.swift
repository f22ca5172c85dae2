import Foundation

/// A kernelspec folder: `kernel.json` plus the logos, read from the repository's `kernelspec/` folder (found by
/// walking up from the executable) with argv[0] replaced by the executable's absolute path, and the Swift compiler's
/// path in `env.SWIFTC` when one is known.
struct Kernelspec {
    let executable: String
    let displayName: String
    let swiftc: String?

    func write(to destination: URL) throws {
        let files = FileManager.default
        let template = try Self.templateDirectory(near: executable)
        var spec = try Self.readJSONObject(template.appendingPathComponent("kernel.json"))
        guard var argv = spec["argv"] as? [String], !argv.isEmpty else {
            throw KernelspecError.badTemplate(template.appendingPathComponent("kernel.json").path, "argv is not a list")
        }
        argv[0] = executable
        spec["argv"] = argv
        spec["display_name"] = displayName
        if let swiftc {
            var env = spec["env"] as? [String: Any] ?? [:]
            env["SWIFTC"] = swiftc
            spec["env"] = env
        }
        try files.createDirectory(at: destination, withIntermediateDirectories: true)
        let json = try JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys,
                                                                              .withoutEscapingSlashes])
        try json.write(to: destination.appendingPathComponent("kernel.json"))
        for logo in ["logo-32x32.png", "logo-64x64.png"] {
            let target = destination.appendingPathComponent(logo)
            if files.fileExists(atPath: target.path) { try files.removeItem(at: target) }
            try files.copyItem(at: template.appendingPathComponent(logo), to: target)
        }
    }

    /// The nearest `kernelspec/` folder holding a `kernel.json`, from the executable's folder upwards
    /// (a build puts the executable in `.build/<config>/` inside the repository).
    static func templateDirectory(near executable: String) throws -> URL {
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("kernelspec")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("kernel.json").path) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        throw KernelspecError.templateNotFound(executable)
    }

    private static func readJSONObject(_ url: URL) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw KernelspecError.badTemplate(url.path, "not a JSON object")
        }
        return object
    }
}

/// Why a kernelspec could not be installed or removed.
enum KernelspecError: Error, CustomStringConvertible {
    case executableUnknown
    case templateNotFound(String)
    case badTemplate(String, String)
    case notInstalled(String)

    var description: String {
        switch self {
        case .executableUnknown: "cannot tell where the swift-dspy executable is"
        case .templateNotFound(let executable):
            "no kernelspec/kernel.json in any folder above \(executable): run the swift-dspy built in the repository"
        case .badTemplate(let path, let reason): "\(path): \(reason)"
        case .notInstalled(let path): "no kernelspec at \(path)"
        }
    }
}
