import Foundation
import SwitchboardCore
import SwitchboardStore

/// Links mirrored organizations to Switchboard customers with ``CustomerMatcher`` and records the result.
///
/// Manual links (`switchboard customers map`) are never touched. Automatic links are recomputed on every
/// pass, so renaming an organization or adding a customer domain takes effect at the next sync.
public struct CustomerMatching: Sendable {
    public let store: Store
    public let connection: String

    public init(store: Store, connection: String) {
        self.store = store
        self.connection = connection
    }

    @discardableResult
    public func apply(now: Int64) async throws -> CustomerMatchSummary {
        try await store.transaction { [connection] session in
            let customers = try await session.customers()
            let organizations = try await session.organizationsForMatching(connection: connection)
            let links = try await session.organizationLinks(connection: connection)
            let matcher = CustomerMatcher(customers: customers.map { .init(id: $0.id, name: $0.name, domains: $0.domains) }, organizations: organizations)
            var summary = CustomerMatchSummary(customers: customers.count, organizations: organizations.count, linkedByName: 0, linkedByDomain: 0,
                                               linkedByEmailDomain: 0, manual: 0, ambiguous: 0, unmatched: 0, changed: 0)
            for organization in organizations {
                if let link = links[organization.id], link.method == "manual" {
                    summary.manual += 1
                    continue
                }
                let match = matcher.match(organization)
                switch match {
                case .name: summary.linkedByName += 1
                case .domain: summary.linkedByDomain += 1
                case .emailDomain: summary.linkedByEmailDomain += 1
                case .ambiguous: summary.ambiguous += 1
                case .none: summary.unmatched += 1
                }
                let current = links[organization.id]
                if current?.customerID != match.customerID || current?.method != match.method || current?.detail != match.detail {
                    summary.changed += 1
                    try await session.setOrganizationLink(connection: connection, organizationID: organization.id, customerID: match.customerID,
                                                          method: match.method, detail: match.detail, now: now)
                }
            }
            return summary
        }
    }

    /// Link an organization to a customer by hand; it stays linked until ``unmap(organizationID:now:)``.
    public func map(organizationID: Int64, customerID: String, now: Int64) async throws {
        try await store.session { [connection] in
            try await $0.setOrganizationLink(connection: connection, organizationID: organizationID, customerID: customerID, method: "manual", detail: nil, now: now)
        }
    }

    /// Remove a manual link and let automatic matching decide again.
    public func unmap(organizationID: Int64, now: Int64) async throws {
        try await store.session { [connection] in try await $0.removeOrganizationLink(connection: connection, organizationID: organizationID) }
        try await apply(now: now)
    }
}
