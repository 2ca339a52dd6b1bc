import Foundation
import SwitchboardCore

/// The flows a node runs, loaded and linted at start-up. Immutable: reloading builds a new registry.
public struct FlowRegistry: Sendable {
    public let flows: [Flow]
    private let byName: [String: Flow]

    public init(_ flows: [Flow]) {
        self.flows = flows
        self.byName = Dictionary(flows.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static let empty = FlowRegistry([])

    public func flow(named name: String) -> Flow? { byName[name] }

    /// Flows whose trigger listens to this event source.
    public func listening(to source: String) -> [Flow] { flows.filter { $0.trigger.source == source && $0.enabled } }

    /// Load every flow in a folder; any lint error is thrown with all diagnostics, so a node never starts with a
    /// broken flow.
    public static func load(path: String) throws -> FlowRegistry {
        let result = try FlowLoader.load(path: path)
        guard result.errors.isEmpty else { throw FlowErrors(result.errors) }
        return FlowRegistry(result.flows)
    }
}
