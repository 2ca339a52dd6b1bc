import ArgumentParser
import ConnectorKit
import Foundation
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// Turns any error into a message for the person at the terminal, then exits non-zero.
///
/// Remote failures say that progress up to the last page is kept and how to resume; authentication
/// failures say how to reconnect. Secrets never reach these messages: credentials print without their token.
enum UserFacingError {
    static func report(_ error: any Error, resumeHint: String? = nil) -> ExitCode {
        Output.error("error: " + message(for: error, resumeHint: resumeHint))
        return ExitCode.failure
    }

    static func message(for error: any Error, resumeHint: String?) -> String {
        switch error {
        case let error as ZendeskError where error.kind == .unauthorized:
            return "Zendesk rejected the credentials (401 Couldn't authenticate you). The email must belong to the user who created the token; reconnect with: switchboard connect zendesk --subdomain NAME --email EMAIL --token TOKEN"
        case let error as ZendeskError where error.kind == .forbidden:
            return "Zendesk refused access (403): \(error.message ?? "forbidden"). Incremental exports need an admin's token."
        case let failure as RemoteCallFailure:
            var text = "\(failure.description)"
            if let hint = resumeHint { text += "\n" + hint }
            return text
        case let error as TransportError:
            return error.description + (resumeHint.map { "\n" + $0 } ?? "")
        default:
            return String(describing: error) + (resumeHint.map { "\n" + $0 } ?? "")
        }
    }
}
