/// JSON of the record summaries the `/_sandbox/…` endpoints answer with (sandbox field names, plain ONIX codes).
enum AdminJSON {
    static func work(_ work: ConsonanceWorkSummary) -> JSONWriter {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.field("id", work.id)
        writer.field("title", work.title)
        writer.field("subtitle", work.subtitle)
        writer.field("projectStage", work.projectStage)
        writer.field("season", work.season)
        writer.field("imprintId", work.imprintID)
        writer.field("imprintName", work.imprintName)
        writer.field("contractId", work.contractID)
        writer.field("productIds", ids: work.productIDs.map(Int64.init))
        writer.field("contributorIds", ids: work.contributorIDs.map(Int64.init))
        writer.field("changed", work.changed.description)
        writer.field("lastChanged", work.lastChanged.description)
        writer.endObject()
        return writer
    }

    static func product(_ product: ConsonanceProductSummary) -> JSONWriter {
        var writer = JSONWriter(capacity: 2048)
        writer.beginObject()
        writer.field("id", product.id)
        writer.field("workId", product.workID)
        writer.field("isbn13", product.isbn13)
        writer.field("isbnWithDashes", product.isbnWithDashes)
        writer.field("title", product.title)
        writer.field("productType", product.productType)
        writer.field("formCode", product.formCode)
        writer.field("publishingStatus", product.publishingStatus)
        writer.field("publicationDate", product.publicationDate?.description)
        writer.field("plannedPublicationDate", product.plannedPublicationDate?.description)
        writer.field("imprintId", product.imprintID)
        writer.field("forSaleCountryCodes", strings: product.forSaleCountryCodes)
        writer.field("notForSaleCountryCodes", strings: product.notForSaleCountryCodes)
        writer.field("isForSaleWorldwide", product.isForSaleWorldwide)
        writer.arrayField("webLinks") { array in
            for link in product.webLinks {
                array.beginObject()
                array.field("id", link.id)
                array.field("link", link.link)
                array.field("role", link.role)
                array.endObject()
            }
        }
        writer.field("changed", product.changed.description)
        writer.endObject()
        return writer
    }

    static func contract(_ contract: ConsonanceContractSummary) -> JSONWriter {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.field("id", contract.id)
        writer.field("workId", contract.workID)
        writer.field("clientId", contract.clientID)
        writer.field("contractName", contract.contractName)
        writer.field("signedDate", contract.dates.signedDate?.description)
        writer.field("msDeliveryDate", contract.dates.msDeliveryDate?.description)
        writer.field("revisedMsDeliveryDate", contract.dates.revisedMsDeliveryDate?.description)
        writer.field("actualMsDeliveryDate", contract.dates.actualMsDeliveryDate?.description)
        writer.field("msProofsDate", contract.dates.msProofsDate?.description)
        writer.field("pubBeforeDate", contract.dates.pubBeforeDate?.description)
        writer.arrayField("deliveryDates") { array in
            for delivery in contract.deliveryDates {
                array.beginObject()
                array.field("id", delivery.id)
                array.field("dateDue", delivery.dateDue?.description)
                array.field("deliverableType", delivery.deliverableType)
                array.field("slippedDate", delivery.slippedDate?.description)
                array.endObject()
            }
        }
        writer.arrayField("licensedRights") { array in
            for right in contract.licensedRights {
                array.beginObject()
                array.field("id", right.id)
                array.field("rightType", right.rightType)
                array.key("authorCut")
                array.double(right.authorCut)
                array.endObject()
            }
        }
        writer.field("changed", contract.changed.description)
        writer.endObject()
        return writer
    }

    static func contact(_ contact: ConsonanceContributorSummary) -> JSONWriter {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.field("id", contact.id)
        writer.field("name", contact.name)
        writer.field("isPerson", contact.isPerson)
        writer.field("email", contact.email)
        writer.field("phone", contact.phone)
        writer.field("workIds", ids: contact.workIDs.map(Int64.init))
        writer.field("changed", contact.changed.description)
        writer.endObject()
        return writer
    }
}
