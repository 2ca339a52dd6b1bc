import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// The Consonance catalogue snapshot: what polling compares each page with, and where title lookups (by ISBN,
/// title or contributor email) are answered without a round trip to Consonance.
extension StoreSession {
    /// Replace the snapshot of these works, their products and contributors (a work's products and contributors
    /// are replaced as a whole, so a product removed from a work disappears).
    public func saveCatalogue(connection: String, works: [CatalogueWork], products: [CatalogueProduct], contributors: [CatalogueContributor], now: Int64) async throws {
        guard !works.isEmpty else { return }
        let workIDs = works.map(\.id)
        try await run("DELETE FROM cn_products WHERE connection = \(bind: connection) AND work_id IN (\(binds: workIDs))")
        try await run("DELETE FROM cn_contributors WHERE connection = \(bind: connection) AND work_id IN (\(binds: workIDs))")
        try await BatchUpsert(table: "cn_works", columns: ["connection", "id", "title", "normalized_title", "subtitle", "stage", "imprint", "digest", "data", "seen_at"],
                              conflictColumns: ["connection", "id"],
                              updateColumns: ["title", "normalized_title", "subtitle", "stage", "imprint", "digest", "data", "seen_at"])
            .run(works.map { work in
                [.text(connection), .int(work.id), .text(work.title), .text(NameNormalizer.titleKey(work.title)), .text(work.subtitle), .text(work.stage),
                 .text(work.imprint), .text(work.digest), .text(work.data.jsonText), .int(now)]
            }, on: self)
        try await BatchUpsert(table: "cn_products", columns: ["connection", "id", "work_id", "isbn13", "title", "normalized_title", "format", "status",
                                                              "publication_date", "imprint", "digest", "data", "seen_at"],
                              conflictColumns: ["connection", "id"],
                              updateColumns: ["work_id", "isbn13", "title", "normalized_title", "format", "status", "publication_date", "imprint", "digest", "data", "seen_at"])
            .run(products.map { product in
                [.text(connection), .int(product.id), .int(product.workID), .text(product.isbn13), .text(product.title), .text(NameNormalizer.titleKey(product.title)),
                 .text(product.format), .text(product.status), .text(product.publicationDate), .text(product.imprint), .text(product.digest),
                 .text(product.data.jsonText), .int(now)]
            }, on: self)
        try await BatchUpsert(table: "cn_contributors", columns: ["connection", "work_id", "contact_id", "role", "sequence", "name", "email", "phone"],
                              conflictColumns: ["connection", "work_id", "contact_id", "role"], updateColumns: ["sequence", "name", "email", "phone"])
            .run(contributors.map { contributor in
                [.text(connection), .int(contributor.workID), .int(contributor.contactID), .text(contributor.role), .int(Int64(contributor.sequence)),
                 .text(contributor.name), .text(contributor.email?.lowercased()), .text(contributor.phone)]
            }, on: self)
    }

    public func saveContracts(connection: String, _ contracts: [CatalogueContract], now: Int64) async throws {
        try await BatchUpsert(table: "cn_contracts", columns: ["connection", "id", "work_id", "name", "digest", "data", "seen_at"],
                              conflictColumns: ["connection", "id"], updateColumns: ["work_id", "name", "digest", "data", "seen_at"])
            .run(contracts.map { [.text(connection), .int($0.id), .int($0.workID), .text($0.name), .text($0.digest), .text($0.data.jsonText), .int(now)] }, on: self)
    }

    // MARK: Reading

    public func catalogueWorks(connection: String, ids: [Int64]) async throws -> [Int64: CatalogueWork] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await rows("SELECT * FROM cn_works WHERE connection = \(bind: connection) AND id IN (\(binds: ids))")
        return Dictionary(try rows.map(CatalogueWork.init(row:)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The stored digest of each of these works (the ones Switchboard has seen), to skip unchanged works cheaply.
    public func catalogueWorkDigests(connection: String, ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await rows("SELECT id, digest FROM cn_works WHERE connection = \(bind: connection) AND id IN (\(binds: ids))")
        return Dictionary(try rows.map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "digest", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }

    public func catalogueWork(connection: String, id: Int64) async throws -> CatalogueWork? {
        try await catalogueWorks(connection: connection, ids: [id])[id]
    }

    public func catalogueProducts(connection: String, workIDs: [Int64]) async throws -> [CatalogueProduct] {
        guard !workIDs.isEmpty else { return [] }
        return try await rows("SELECT * FROM cn_products WHERE connection = \(bind: connection) AND work_id IN (\(binds: workIDs)) ORDER BY work_id, id")
            .map(CatalogueProduct.init(row:))
    }

    /// Products with this ISBN-13, in any Consonance connection.
    public func catalogueProducts(isbn13: String) async throws -> [CatalogueProduct] {
        try await rows("SELECT * FROM cn_products WHERE isbn13 = \(bind: isbn13) ORDER BY connection, id").map(CatalogueProduct.init(row:))
    }

    /// Works whose title (or whose products' full title) is exactly this one, ignoring case, accents and punctuation.
    public func catalogueWorks(titled title: String) async throws -> [CatalogueWork] {
        let key = NameNormalizer.titleKey(title)
        guard !key.isEmpty else { return [] }
        return try await rows("""
            SELECT * FROM cn_works WHERE normalized_title = \(bind: key)
               OR (connection, id) IN (SELECT connection, work_id FROM cn_products WHERE normalized_title = \(bind: key))
            ORDER BY connection, id
            """).map(CatalogueWork.init(row:))
    }

    /// The contributors with this email address (compared in lower case), with the works they contribute to.
    public func catalogueContributors(email: String) async throws -> [(connection: String, contributor: CatalogueContributor)] {
        try await rows("SELECT * FROM cn_contributors WHERE email = \(bind: email.lowercased()) ORDER BY connection, work_id, sequence").map { row in
            (try row.decode(column: "connection", as: String.self), try CatalogueContributor(row: row))
        }
    }

    public func catalogueContributors(connection: String, workID: Int64) async throws -> [CatalogueContributor] {
        try await rows("SELECT * FROM cn_contributors WHERE connection = \(bind: connection) AND work_id = \(bind: workID) ORDER BY sequence, contact_id")
            .map(CatalogueContributor.init(row:))
    }

    /// Products whose publication date falls in `from...to` (ISO dates compare as text).
    public func catalogueProducts(publishedFrom from: String, to: String) async throws -> [CatalogueProduct] {
        try await rows("""
            SELECT * FROM cn_products WHERE publication_date >= \(bind: from) AND publication_date <= \(bind: to)
            ORDER BY publication_date, connection, work_id, id
            """).map(CatalogueProduct.init(row:))
    }

    public func catalogueContracts(connection: String, ids: [Int64]) async throws -> [Int64: CatalogueContract] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await rows("SELECT * FROM cn_contracts WHERE connection = \(bind: connection) AND id IN (\(binds: ids))")
        return Dictionary(try rows.map(CatalogueContract.init(row:)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func catalogueContracts(connection: String, workID: Int64) async throws -> [CatalogueContract] {
        try await rows("SELECT * FROM cn_contracts WHERE connection = \(bind: connection) AND work_id = \(bind: workID) ORDER BY id").map(CatalogueContract.init(row:))
    }

    public func catalogueContracts(connection: String) async throws -> [CatalogueContract] {
        try await rows("SELECT * FROM cn_contracts WHERE connection = \(bind: connection) ORDER BY id").map(CatalogueContract.init(row:))
    }

    public func catalogueCounts(connection: String) async throws -> (works: Int, products: Int, contracts: Int) {
        (Int(try await scalar("SELECT COUNT(*) AS value FROM cn_works WHERE connection = \(bind: connection)")),
         Int(try await scalar("SELECT COUNT(*) AS value FROM cn_products WHERE connection = \(bind: connection)")),
         Int(try await scalar("SELECT COUNT(*) AS value FROM cn_contracts WHERE connection = \(bind: connection)")))
    }

    /// Remove a connection's snapshot (disconnect --purge).
    public func purgeCatalogue(connection: String) async throws {
        // exception_tickets belong to the Zendesk connection the tickets were opened in, so they stay.
        for table in ["cn_works", "cn_products", "cn_contributors", "cn_contracts", "pub_exceptions"] {
            try await run("DELETE FROM \(ident: table) WHERE connection = \(bind: connection)")
        }
    }
}

extension CatalogueWork {
    init(row: any SQLRow) throws {
        self.init(connection: try row.decode(column: "connection", as: String.self), id: try row.decode(column: "id", as: Int64.self),
                  title: try row.decode(column: "title", as: String.self), subtitle: try row.decode(column: "subtitle", as: String?.self),
                  stage: try row.decode(column: "stage", as: String?.self), imprint: try row.decode(column: "imprint", as: String?.self),
                  digest: try row.decode(column: "digest", as: String.self), data: JSONValue.stored(try row.decode(column: "data", as: String.self)) ?? .null)
    }
}

extension CatalogueProduct {
    init(row: any SQLRow) throws {
        self.init(connection: try row.decode(column: "connection", as: String.self), id: try row.decode(column: "id", as: Int64.self),
                  workID: try row.decode(column: "work_id", as: Int64.self), isbn13: try row.decode(column: "isbn13", as: String?.self),
                  title: try row.decode(column: "title", as: String.self), format: try row.decode(column: "format", as: String.self),
                  status: try row.decode(column: "status", as: String?.self), publicationDate: try row.decode(column: "publication_date", as: String?.self),
                  imprint: try row.decode(column: "imprint", as: String?.self), digest: try row.decode(column: "digest", as: String.self),
                  data: JSONValue.stored(try row.decode(column: "data", as: String.self)) ?? .null)
    }
}

extension CatalogueContributor {
    init(row: any SQLRow) throws {
        self.init(workID: try row.decode(column: "work_id", as: Int64.self), contactID: try row.decode(column: "contact_id", as: Int64.self),
                  role: try row.decode(column: "role", as: String.self), sequence: Int(try row.decode(column: "sequence", as: Int64.self)),
                  name: try row.decode(column: "name", as: String.self), email: try row.decode(column: "email", as: String?.self),
                  phone: try row.decode(column: "phone", as: String?.self))
    }
}

extension CatalogueContract {
    init(row: any SQLRow) throws {
        self.init(connection: try row.decode(column: "connection", as: String.self), id: try row.decode(column: "id", as: Int64.self),
                  workID: try row.decode(column: "work_id", as: Int64?.self), name: try row.decode(column: "name", as: String.self),
                  digest: try row.decode(column: "digest", as: String.self), data: JSONValue.stored(try row.decode(column: "data", as: String.self)) ?? .null)
    }
}
