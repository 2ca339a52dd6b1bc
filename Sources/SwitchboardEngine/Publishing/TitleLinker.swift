import ConsonanceKit
import Foundation

/// Attaches a Switchboard record to its title in Consonance with the closest thing the API offers: a WebLink on one
/// of the title's products pointing at the record. Consonance has no to-dos, rights deals or notes, so this is how
/// a publishing team finds, from the title, the task, review or signal Switchboard keeps about it.
///
/// Adding is idempotent without any bookkeeping: the product's links are read first, and a link to the same URL
/// is reused. Links are kept out of ONIX feeds (`includeInOnix: false`).
public struct TitleLinker: Sendable {
    public let consonance: ConsonanceClientPool
    /// The Consonance connection (nil: the only one).
    public let connection: String?

    public init(consonance: ConsonanceClientPool, connection: String? = nil) {
        self.consonance = consonance
        self.connection = connection
    }

    public struct Link: Sendable, Equatable {
        public var id: Int64
        public var created: Bool
        public var productID: Int64
    }

    /// Link `url` from the product (`productID`), else the product with `isbn13`, else the first product of `workID`.
    /// Nil when no such product exists in Consonance.
    public func link(productID: Int64? = nil, workID: Int64? = nil, isbn13: String? = nil, url: String, note: String?, role: String = "01") async throws -> Link? {
        let (client, _) = try await consonance.client(for: connection)
        var product: ConsonanceProduct?
        if let productID {
            product = try await client.product(id: Int(productID))
        } else if let isbn13 {
            product = try await client.product(isbn13: isbn13)
        } else if let workID {
            product = try await client.work(id: Int(workID))?.products.sorted { $0.id < $1.id }.first
        }
        guard let product else { return nil }
        if let existing = product.webLinks.first(where: { $0.link == url }) { return Link(id: Int64(existing.id), created: false, productID: Int64(product.id)) }
        let link = try await client.createWebLink(productID: product.id, link: url, role: role, note: note, includeInOnix: false)
        return Link(id: Int64(link.id), created: true, productID: Int64(product.id))
    }

    /// Rewrite the note of a link made earlier — where the API lets Switchboard record an outcome on the title (a
    /// rights decision) for people working in Consonance.
    public func annotate(linkID: Int64, note: String) async throws {
        let (client, _) = try await consonance.client(for: connection)
        _ = try await client.updateWebLink(id: Int(linkID), ConsonanceWebLinkUpdate(note: note))
    }
}
