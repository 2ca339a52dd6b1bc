import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import ZendeskKit

/// An action a flow step can perform. Implementations are registered in ``ActionRegistry`` under the name of
/// their ``SwitchboardCore/ActionSpec``; they receive the step's rendered input and return its output.
public protocol FlowAction: Sendable {
    var name: String { get }
    /// False for read-only actions, which need no outbox entry before they run.
    var hasSideEffects: Bool { get }
    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue
}

extension FlowAction {
    public var hasSideEffects: Bool { true }
}

/// Why an action failed, and whether trying again can help.
public enum ActionError: Error, Sendable, CustomStringConvertible {
    /// Retrying will not help (bad input, a record that does not exist, a validation error): dead-letter at once.
    case permanent(String, response: String?)
    /// The remote is down, slow or rate-limited: retry on the step's schedule.
    case transient(String, response: String?)

    public var description: String {
        switch self {
        case .permanent(let text, _), .transient(let text, _): return text
        }
    }

    public var response: String? {
        switch self {
        case .permanent(_, let response), .transient(_, let response): return response
        }
    }

    public var isPermanent: Bool {
        if case .permanent = self { return true }
        return false
    }

    /// Classify any error an action throws.
    public static func from(_ error: any Error) -> ActionError {
        switch error {
        case let error as ActionError:
            return error
        case let error as ZendeskError:
            let permanent: Set<ZendeskError.Kind> = [.notFound, .invalidRecord, .badRequest, .tooManyValues, .forbidden]
            let text = error.description
            return permanent.contains(error.kind) ? .permanent(text, response: error.rawBody) : .transient(text, response: error.rawBody)
        case let error as RemoteCallFailure:
            return .transient(error.description, response: error.lastResponse.map { "HTTP \($0.status): \($0.bodyPreview(limit: 2000))" })
        default:
            return .transient(String(describing: error), response: nil)
        }
    }
}

/// The actions a node can run, by name.
public struct ActionRegistry: Sendable {
    private let actions: [String: any FlowAction]

    public init(_ actions: [any FlowAction]) {
        self.actions = Dictionary(actions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func action(_ name: String) -> (any FlowAction)? { actions[name] }

    public var names: [String] { actions.keys.sorted() }

    /// Every action Switchboard ships.
    public static let standard = ActionRegistry([
        CreateTicketAction(), UpdateTicketAction(), AddCommentAction(), FindOrCreateUserAction(), UpsertMacroAction(), SearchTicketsAction(),
        LogAction(),
        FindTitleAction(), ContributorContextAction(), AddWebLinkAction(), CreateTaskAction(), OpenRightsReviewAction(), RecordSupportSignalAction(),
        EnsureTicketAction(), SolveEnsuredTicketAction(), AnnotateTitleTicketsAction(), LaunchDigestAction(), UpsertLaunchMacrosAction(),
        SupportReportAction(),
        WhatsAppSendTemplateAction(), WhatsAppSendTextAction(), WhatsAppSendButtonsAction(), WhatsAppNotifyTitleContactsAction(),
        WhatsAppHandleFailedMessageAction(),
        RecordPitchAction(), AnswerMetadataProposalAction(), AnswerRoyaltyStatementAction(), WhatsAppNotifyContactsAction(),
        OpenFollowUpAction(), CloseFollowUpAction(), DeadlineRemindersAction(), RecordRightsReplyAction(), CheckLaunchReadinessAction(),
        SyncConversationAction(), UpdateZendeskUserFromProfileAction(),
        SendTicketReplyAction(), SendConversationReplyAction(),
    ])
}

/// Reading typed parameters from a rendered input; a missing or malformed required parameter is a permanent error.
extension JSONValue {
    func integer(_ key: String) throws -> Int64 {
        guard let value = self[key], value != .null else { throw ActionError.permanent("parameter \(key) is missing", response: nil) }
        guard let number = value.int64Value else { throw ActionError.permanent("parameter \(key) must be a whole number, got \(value.jsonText)", response: nil) }
        return number
    }

    func optionalInteger(_ key: String) throws -> Int64? {
        guard let value = self[key], value != .null, value != .string("") else { return nil }
        guard let number = value.int64Value else { throw ActionError.permanent("parameter \(key) must be a whole number, got \(value.jsonText)", response: nil) }
        return number
    }

    func text(_ key: String) throws -> String {
        guard let value = self[key]?.stringValue, !value.isEmpty else { throw ActionError.permanent("parameter \(key) is missing or empty", response: nil) }
        return value
    }

    func optionalText(_ key: String) -> String? {
        guard let value = self[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }

    func optionalBool(_ key: String) -> Bool? {
        switch self[key] {
        case .bool(let value)?: return value
        case .string(let text)?: return text == "true" ? true : text == "false" ? false : nil
        default: return nil
        }
    }

    /// A list of whole numbers (`[3, 1]`, or "3, 1").
    func integers(_ key: String) throws -> [Int64] {
        let items: [JSONValue]
        switch self[key] {
        case .array(let values)?: items = values
        case .string(let text)?: items = text.split(whereSeparator: { $0 == "," || $0 == " " }).map { .string(String($0)) }
        case nil, .null?: return []
        case let value?: items = [value]
        }
        return try items.map { item in
            guard let number = item.int64Value ?? item.stringValue.flatMap({ Int64($0) }) else {
                throw ActionError.permanent("parameter \(key) must be a list of whole numbers, got \(item.jsonText)", response: nil)
            }
            return number
        }
    }

    func strings(_ key: String) -> [String] {
        switch self[key] {
        case .array(let items)?: return items.compactMap(\.stringValue).filter { !$0.isEmpty }
        case .string(let text)?: return text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        default: return []
        }
    }
}
