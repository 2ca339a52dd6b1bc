import ConsonanceKit
import Crypto
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Turns a polled work (with its products and contributions) into the rows Switchboard keeps: searchable columns,
/// the snapshot JSON that title context and change events are built from, and a digest of the fields change
/// detection compares (web links are left out: Switchboard writes them itself).
enum CatalogueSnapshot {
    struct Rows {
        var work: CatalogueWork
        var products: [CatalogueProduct]
        var contributors: [CatalogueContributor]
    }

    static func rows(for work: ConsonanceWork, connection: String, host: String) -> Rows {
        let imprint = work.imprint?.name
        let title = work.title ?? work.products.first?.fullTitle ?? "Work \(work.id)"
        let contributions = work.contributions.sorted { ($0.sequenceNumber ?? 0, $0.id) < ($1.sequenceNumber ?? 0, $1.id) }
        let contributors = contributions.compactMap { contribution -> CatalogueContributor? in
            guard let contact = contribution.contributor else { return nil }
            return CatalogueContributor(workID: Int64(work.id), contactID: Int64(contact.id), role: contribution.roleCode ?? "Z99",
                                        sequence: contribution.sequenceNumber ?? 0, name: contact.name ?? contact.personName ?? "Contact \(contact.id)",
                                        email: contact.emails.first, phone: contact.phones.first?.number)
        }
        let workData: JSONValue = .object([
            "id": .number(Double(work.id)), "title": .string(title), "subtitle": text(work.subtitle), "stage": text(work.projectStage),
            "season": text(work.season), "imprint": text(imprint), "imprint_id": work.imprint.map { .number(Double($0.id)) } ?? .null,
            "authorship": text(work.authorshipDescription ?? work.contributorPrettyList), "url": .string("\(host)/works/\(work.id)"),
            "contributors": .array(contributors.map { contributor in
                .object(["id": .number(Double(contributor.contactID)), "name": .string(contributor.name), "role": .string(contributor.role),
                         "role_label": .string(ContributorRole(code: contributor.role).label), "email": text(contributor.email),
                         "phone": text(contributor.phone), "sequence": .number(Double(contributor.sequence))])
            }),
        ])
        let products = work.products.sorted { $0.id < $1.id }.map { product(for: $0, workID: Int64(work.id), workTitle: title, imprint: imprint, connection: connection) }
        var digestSource = workData
        if case .object(var fields) = workData {
            fields["products"] = .array(products.map(\.digest).map(JSONValue.string))
            digestSource = .object(fields)
        }
        let catalogueWork = CatalogueWork(connection: connection, id: Int64(work.id), title: title, subtitle: work.subtitle, stage: work.projectStage,
                                          imprint: imprint, digest: digest(digestSource), data: workData)
        return Rows(work: catalogueWork, products: products, contributors: contributors)
    }

    static func product(for product: ConsonanceProduct, workID: Int64, workTitle: String, imprint: String?, connection: String) -> CatalogueProduct {
        let form30 = product.productForm?.onix30Code
        let family = form30.map { ProductForm(code: $0).family } ?? .other
        let status = product.publishingStatusCode
        let forSale = Array(Set(product.forSaleCountryCodes)).sorted()
        let notForSale = Array(Set(product.notForSaleCountryCodes)).sorted()
        let worldwide = product.isForSaleWorldwide ?? false
        let data: JSONValue = .object([
            "id": .number(Double(product.id)), "work_id": .number(Double(workID)), "isbn13": text(product.isbn13), "title": .string(product.fullTitle ?? workTitle),
            "form21": text(product.productForm?.code), "form": text(form30), "format": .string(family.rawValue), "status": text(status),
            "publication_date": text(product.publicationDate?.description), "planned_publication_date": text(product.plannedPublicationDate?.description),
            "for_sale": .array(forSale.map(JSONValue.string)), "not_for_sale": .array(notForSale.map(JSONValue.string)), "worldwide": .bool(worldwide),
            "prices": .array(product.prices.map { price in
                .object(["amount": .string("\(price.amount)"), "currency": text(price.currencyCode), "type": text(price.priceTypeCode)])
            }),
            "isbn10": text(product.isbn10), "isbn_with_dashes": text(product.isbnWithDashes), "typename": text(product.typename),
            "format_label": .string(form30.map { ProductForm(code: $0).label } ?? "Other"),
            "status_label": status.map { .string(PublishingStatus(code: $0).label) } ?? .null,
            "rights_description": text(product.salesRightsDescription), "imprint": text(imprint),
        ])
        // The digest covers everything stored except the web links, which Switchboard itself adds.
        let fingerprint = Self.digest(data)
        var stored = data
        if case .object(var fields) = data {
            fields["weblinks"] = .array(product.webLinks.map { link in
                .object(["id": .number(Double(link.id)), "link": text(link.link), "role": text(link.role), "note": text(link.note)])
            })
            stored = .object(fields)
        }
        return CatalogueProduct(connection: connection, id: Int64(product.id), workID: workID, isbn13: product.isbn13, title: product.fullTitle ?? workTitle,
                                format: family.rawValue, status: status, publicationDate: product.publicationDate?.description, imprint: imprint,
                                digest: fingerprint, data: stored)
    }

    static func contract(_ contract: ConsonanceContract, connection: String) -> CatalogueContract {
        func date(_ value: CalendarDate?) -> JSONValue { text(value?.description) }
        let data: JSONValue = .object([
            "id": .number(Double(contract.id)), "name": .string(contract.contractName ?? "Contract \(contract.id)"),
            "work_id": contract.workID.map { .number(Double($0)) } ?? .null, "work_title": text(contract.workTitle), "client": text(contract.clientName),
            "signed_date": date(contract.signedDate), "ms_delivery_date": date(contract.msDeliveryDate),
            "revised_ms_delivery_date": date(contract.revisedMsDeliveryDate), "actual_ms_delivery_date": date(contract.actualMsDeliveryDate),
            "ms_proofs_date": date(contract.msProofsDate), "pub_before_date": date(contract.pubBeforeDate), "review_date": date(contract.reviewDate),
            "delivery_dates": .array(contract.deliveryDates.sorted { $0.id < $1.id }.map { delivery in
                .object(["id": .number(Double(delivery.id)), "date_due": date(delivery.dateDue), "slipped_date": date(delivery.slippedDate),
                         "deliverable": text(delivery.deliverableType), "requirement": text(delivery.deliveryRequirement)])
            }),
            "licensed_rights": .array(contract.licensedRights.sorted { $0.id < $1.id }.map { right in
                .object(["id": .number(Double(right.id)), "right_type": text(right.rightType), "author_cut": text(right.authorCut.map { "\($0)" })])
            }),
        ])
        return CatalogueContract(connection: connection, id: Int64(contract.id), workID: contract.workID.map(Int64.init),
                                 name: contract.contractName ?? "Contract \(contract.id)", digest: digest(data), data: data)
    }

    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// SHA-256 of the canonical JSON text (object keys sorted by ``JSONValue/jsonText``), hex, first 32 digits.
    static func digest(_ value: JSONValue) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for byte in SHA256.hash(data: Data(value.jsonText.utf8)).prefix(16) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
