import Sandbox
import ZendeskKit

/// What the benchmarks that talk to a Zendesk sandbox share: its API credentials.
extension ZendeskSandbox {
    /// The sandbox's API token, as every benchmark's client presents it.
    static let benchCredentials = ZendeskCredentials.apiToken(email: "admin@example.com", token: "sandbox-token")
}
