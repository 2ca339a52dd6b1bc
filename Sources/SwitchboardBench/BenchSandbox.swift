import Sandbox
import ZendeskKit

/// What the benchmarks that talk to a Zendesk sandbox share: its API credentials, and the tickets an action can
/// still change.
extension ZendeskSandbox {
    /// The sandbox's API token, as every benchmark's client presents it.
    static let benchCredentials = ZendeskCredentials.apiToken(email: "admin@example.com", token: "sandbox-token")

    /// Ids of the tickets that are neither closed nor deleted (a comment on a closed ticket is refused).
    var openTicketIDs: [Int64] {
        ticketSummaries().filter { $0.status != "closed" && $0.status != "deleted" }.map(\.id)
    }
}
