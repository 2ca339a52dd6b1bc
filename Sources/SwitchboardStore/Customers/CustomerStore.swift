import Foundation
import SQLKit
import SwitchboardCore

/// A Switchboard customer: the account a support team thinks in, to which Zendesk organizations map.
public struct CustomerRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var domains: [String]
    public var createdAt: Int64

    public init(id: String, name: String, domains: [String], createdAt: Int64) {
        self.id = id
        self.name = name
        self.domains = domains
        self.createdAt = createdAt
    }
}

/// How one organization is linked to a customer: found automatically (`name`, `domain`, `email_domain`),
/// set by hand (`manual`), or deliberately left unlinked (`ambiguous`, `none`).
public struct OrganizationLink: Sendable, Equatable {
    public var organizationID: Int64
    public var customerID: String?
    public var method: String
    public var detail: String?
}

/// A customer and how many mirrored tickets belong to it through its organizations.
public struct CustomerTicketCount: Sendable, Equatable {
    public var customerID: String
    public var name: String
    public var organizations: Int
    public var tickets: Int

    public init(customerID: String, name: String, organizations: Int, tickets: Int) {
        self.customerID = customerID
        self.name = name
        self.organizations = organizations
        self.tickets = tickets
    }
}

extension StoreSession {
    @discardableResult
    public func createCustomer(name: String, domains: [String], now: Int64) async throws -> CustomerRecord {
        let cleanDomains = Array(Set(domains.compactMap(NameNormalizer.domain))).sorted()
        let record = CustomerRecord(id: Self.newCustomerID(), name: name, domains: cleanDomains, createdAt: now)
        try await run("INSERT INTO customers (id, name, normalized_name, created_at) VALUES (\(bind: record.id), \(bind: name), \(bind: NameNormalizer.companyKey(name)), \(bind: now))")
        try await addCustomerDomains(record.id, cleanDomains)
        return record
    }

    public func addCustomerDomains(_ customerID: String, _ domains: [String]) async throws {
        let rows = Set(domains.compactMap(NameNormalizer.domain)).sorted().map { [SQLValue.text(customerID), .text($0)] }
        try await BatchUpsert(table: "customer_domains", columns: ["customer_id", "domain"], conflictColumns: ["customer_id", "domain"], updateColumns: []).run(rows, on: self)
    }

    public func customers() async throws -> [CustomerRecord] {
        var domains: [String: [String]] = [:]
        for row in try await rows("SELECT customer_id, domain FROM customer_domains ORDER BY domain") {
            domains[try row.decode(column: "customer_id", as: String.self), default: []].append(try row.decode(column: "domain", as: String.self))
        }
        return try await rows("SELECT id, name, created_at FROM customers ORDER BY name, id").map { row in
            let id = try row.decode(column: "id", as: String.self)
            return CustomerRecord(id: id, name: try row.decode(column: "name", as: String.self), domains: domains[id] ?? [], createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    /// Find a customer by id, or by name (exact, then normalised).
    public func customer(matching reference: String) async throws -> CustomerRecord? {
        let all = try await customers()
        if let byID = all.first(where: { $0.id == reference }) { return byID }
        if let exact = all.first(where: { $0.name == reference }) { return exact }
        let key = NameNormalizer.companyKey(reference)
        let matches = all.filter { NameNormalizer.companyKey($0.name) == key }
        return matches.count == 1 ? matches[0] : nil
    }

    public func deleteCustomer(id: String) async throws {
        try await run("DELETE FROM customer_org_links WHERE customer_id = \(bind: id)")
        try await run("DELETE FROM customer_domains WHERE customer_id = \(bind: id)")
        try await run("DELETE FROM customers WHERE id = \(bind: id)")
    }

    public func setOrganizationLink(connection: String, organizationID: Int64, customerID: String?, method: String, detail: String?, now: Int64) async throws {
        try await BatchUpsert(table: "customer_org_links", columns: ["connection", "organization_id", "customer_id", "method", "detail", "updated_at"],
                              conflictColumns: ["connection", "organization_id"], updateColumns: ["customer_id", "method", "detail", "updated_at"])
            .run([[.text(connection), .int(organizationID), .text(customerID), .text(method), .text(detail), .int(now)]], on: self)
    }

    public func removeOrganizationLink(connection: String, organizationID: Int64) async throws {
        try await run("DELETE FROM customer_org_links WHERE connection = \(bind: connection) AND organization_id = \(bind: organizationID)")
    }

    public func organizationLinks(connection: String) async throws -> [Int64: OrganizationLink] {
        var links: [Int64: OrganizationLink] = [:]
        for row in try await rows("SELECT * FROM customer_org_links WHERE connection = \(bind: connection)") {
            let id = try row.decode(column: "organization_id", as: Int64.self)
            links[id] = OrganizationLink(organizationID: id, customerID: try row.decode(column: "customer_id", as: String?.self),
                                         method: try row.decode(column: "method", as: String.self), detail: try row.decode(column: "detail", as: String?.self))
        }
        return links
    }

    /// Organizations with what the matcher needs: names, domains and their users' email domains.
    public func organizationsForMatching(connection: String) async throws -> [CustomerMatcher.Organization] {
        var emailDomains: [Int64: [String: Int]] = [:]
        for row in try await rows("SELECT organization_id, email FROM zd_users WHERE connection = \(bind: connection) AND organization_id IS NOT NULL AND email IS NOT NULL") {
            guard let domain = NameNormalizer.domain(try row.decode(column: "email", as: String.self)) else { continue }
            emailDomains[try row.decode(column: "organization_id", as: Int64.self), default: [:]][domain, default: 0] += 1
        }
        return try await rows("SELECT id, name, domain_names FROM zd_organizations WHERE connection = \(bind: connection) AND deleted_at IS NULL ORDER BY id").map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return CustomerMatcher.Organization(id: id, name: try row.decode(column: "name", as: String?.self),
                                                domainNames: JSONText.decodeArray(try row.decode(column: "domain_names", as: String?.self)),
                                                userEmailDomains: emailDomains[id] ?? [:])
        }
    }

    /// Tickets of a customer: every ticket of every organization linked to it. This is the query that makes
    /// a mapping "propagate" — nothing is copied onto tickets, so a new mapping applies to all of them at once.
    public func tickets(ofCustomer customerID: String, connection: String? = nil, status: String? = nil, limit: Int = 100) async throws -> [MirrorTicket] {
        var query: SQLQueryString = """
            SELECT t.connection AS connection, t.id AS id FROM zd_tickets t
            JOIN customer_org_links l ON l.connection = t.connection AND l.organization_id = t.organization_id
            WHERE l.customer_id = \(bind: customerID)
            """
        if let connection { query += " AND t.connection = \(bind: connection)" }
        if let status { query += " AND t.status = \(bind: status)" }
        query += " ORDER BY t.updated_at DESC, t.id DESC LIMIT \(literal: limit)"
        var result: [MirrorTicket] = []
        for row in try await rows(query) {
            if let ticket = try await ticket(connection: try row.decode(column: "connection", as: String.self), id: try row.decode(column: "id", as: Int64.self)) {
                result.append(ticket)
            }
        }
        return result
    }

    /// Customers ordered by ticket count.
    public func topCustomers(connection: String, limit: Int) async throws -> [CustomerTicketCount] {
        try await rows("""
            SELECT c.id AS id, c.name AS name, COUNT(DISTINCT l.organization_id) AS organizations, COUNT(t.id) AS tickets
            FROM customers c
            JOIN customer_org_links l ON l.customer_id = c.id AND l.connection = \(bind: connection)
            LEFT JOIN zd_tickets t ON t.connection = l.connection AND t.organization_id = l.organization_id
            GROUP BY c.id, c.name
            ORDER BY COUNT(t.id) DESC, c.name
            LIMIT \(literal: limit)
            """).map { row in
            CustomerTicketCount(customerID: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                                organizations: Int(try row.decode(column: "organizations", as: Int64.self)), tickets: Int(try row.decode(column: "tickets", as: Int64.self)))
        }
    }

    static func newCustomerID() -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        var generator = SystemRandomNumberGenerator()
        return "cus_" + String((0..<12).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
