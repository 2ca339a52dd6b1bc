import Foundation

/// Loads flow files from disk: parse, then lint; a flow with any error is not loaded.
public enum FlowLoader {
    /// The result of loading a folder of flows.
    public struct Result: Sendable {
        public var flows: [Flow]
        public var diagnostics: [FlowDiagnostic]
        public var errors: [FlowDiagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    /// Parse and lint one flow from text.
    public static func load(text: String, file: String, catalog: [ActionSpec] = ActionCatalog.all) -> (Flow?, [FlowDiagnostic]) {
        let (flow, problems) = FlowParser.parse(text, file: file)
        guard let flow else { return (nil, problems) }
        let all = problems + FlowLinter.lint(flow, catalog: catalog)
        return (all.contains { $0.severity == .error } ? nil : flow, all)
    }

    /// Every `*.yaml` / `*.yml` file in `directory` (not recursive, sorted), or one file.
    public static func load(path: String, catalog: [ActionSpec] = ActionCatalog.all) throws -> Result {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FlowErrors([FlowDiagnostic(SourceLocation(file: path, line: 1, column: 1), "no such file or directory")])
        }
        let files: [String]
        if isDirectory.boolValue {
            files = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasSuffix(".tests.yaml") && !$0.hasSuffix(".tests.yml") }
                .sorted().map { (path as NSString).appendingPathComponent($0) }
        } else {
            files = [path]
        }
        var flows: [Flow] = []
        var diagnostics: [FlowDiagnostic] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.append(FlowDiagnostic(SourceLocation(file: file, line: 1, column: 1), "cannot read the file"))
                continue
            }
            let (flow, problems) = load(text: String(decoding: data, as: UTF8.self), file: file, catalog: catalog)
            diagnostics += problems
            if let flow { flows.append(flow) }
        }
        var names: [String: String] = [:]
        var unique: [Flow] = []
        for flow in flows {
            if let other = names[flow.name] {
                diagnostics.append(FlowDiagnostic(flow.triggerLocation, "flow name \"\(flow.name)\" is also used by \(other); names must be unique"))
                continue
            }
            names[flow.name] = flow.file
            unique.append(flow)
        }
        return Result(flows: unique, diagnostics: diagnostics)
    }
}
