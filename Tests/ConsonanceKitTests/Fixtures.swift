/// Responses shaped like Consonance's, written against the schema the sandbox serves.
///
/// They include what real answers include: several product typenames, nulls in optional places, fields this
/// client does not know, and one malformed element per list.
enum Fixtures {
    static let hardback = #"""
        {"__typename":"PhysicalBookProduct","id":101,
         "isbn":{"__typename":"ISBN","isbn13":"9781911390220","isbn10":"1911390220","isbnWithDashes":"978-1-911390-22-0"},
         "fullTitle":"The Goddess of Small Things","subtitle":null,"publicationDate":"2018-03-20","plannedPublicationDate":"2018-03-01",
         "onixPublishingStatusCode":"_04","onix21ProductFormCode":"BB",
         "prices":[
           {"__typename":"Price","id":1,"amount":24.99,"currencyCode":"GBP","onixPriceTypeCode":"_02","onixPriceTypeQualifierCode":"_05","effectiveFrom":"2018-01-01","effectiveTo":null},
           {"__typename":"Price","id":2,"amount":32.5,"currencyCode":"USD","onixPriceTypeCode":"_01","onixPriceTypeQualifierCode":null},
           {"__typename":"Price","id":3,"amount":"not a number","currencyCode":"EUR"}
         ],
         "forSaleCountryCodes":["GB","IE"],"notForSaleCountryCodes":[],"isForSaleWorldwide":false,"salesRightsDescription":"UK and Ireland only",
         "webLinks":[{"__typename":"WebLink","id":7,"link":"https://snowbooks.example/goddess","role":"_01","note":null,"includeInOnix":true}],
         "work":{"__typename":"Work","id":55,"title":"The Goddess of Small Things","subtitle":null,"projectStage":"Published","season":"Spring 2018",
                 "editionNumber":1,"editionStatement":null,"authorshipDescription":"Ann Author","contributorPrettyList":"Ann Author and Ed Itor",
                 "publishersUrl":null,"imprint":{"__typename":"Imprint","id":3,"name":"Snowbooks"}},
         "inHouseFormat":{"name":"Royal","code":"RH"},
         "aFieldFromTheFuture":{"nested":[1,2,3]}}
        """#

    static let ebook = #"""
        {"__typename":"ElectronicBookProduct","id":102,"isbn":null,"fullTitle":"The Goddess of Small Things","subtitle":null,
         "publicationDate":null,"plannedPublicationDate":null,"onixPublishingStatusCode":"_02","onix21ProductFormCode":"DG",
         "prices":null,"forSaleCountryCodes":null,"notForSaleCountryCodes":["US"],"isForSaleWorldwide":null,"salesRightsDescription":null,
         "webLinks":[],"work":{"__typename":"Work","id":55}}
        """#

    static let audiobook = #"""
        {"__typename":"ElectronicAudioProduct","id":104,"isbn":{"isbn13":"9781911390244","isbn10":null,"isbnWithDashes":"978-1-911390-24-4"},
         "fullTitle":"The Goddess of Small Things (Audio)","publicationDate":"2018-04-01","onixPublishingStatusCode":"_04",
         "onix21ProductFormCode":"AJ","prices":[{"id":11,"amount":19.99,"currencyCode":"GBP","onixPriceTypeCode":"_02"}],
         "work":{"id":55}}
        """#

    /// No id: must be rejected without sinking the list.
    static let malformed = #"""
        {"__typename":"PhysicalBookProduct","id":null,"fullTitle":"Broken record","prices":[]}
        """#

    static let generic = #"""
        {"__typename":"GenericProduct","id":"105","fullTitle":"Tote bag","publicationDate":"soon","onix21ProductFormCode":"_00",
         "onixPublishingStatusCode":null,"isForSaleWorldwide":"true"}
        """#

    static let productsList = "[\(hardback),\(ebook),\(audiobook),\(malformed),\(generic)]"

    static func work(id: Int, products: [String] = []) -> String {
        #"""
        {"__typename":"Work","id":\#(id),"title":"Work \#(id)","subtitle":"A subtitle","projectStage":"Editorial","season":"Autumn 2025",
         "editionNumber":null,"editionStatement":"Second edition","authorshipDescription":"Ann Author","contributorPrettyList":"Ann Author",
         "publishersUrl":"https://snowbooks.example/w/\#(id)","imprint":null,
         "contributions":[
           {"__typename":"Contribution","id":902,"sequenceNumber":2,"onixContributorRoleCode":"B01","productIds":[101],"workId":\#(id),
            "contributor":{"__typename":"Organisation","id":31,"name":"Editorial Collective","emails":[],"phones":[],"organisationName":"Editorial Collective"}},
           {"__typename":"Contribution","id":901,"sequenceNumber":1,"onixContributorRoleCode":"A01","productIds":[101,102],"workId":\#(id),
            "contributor":{"__typename":"Person","id":30,"name":"Ann Author","emails":[{"email":"ann@example.com"},{"email":null}],
                           "phones":[{"phoneNumber":"+44 20 7946 0000","phoneType":"Mobile"}],"personName":"Ann Author","keyNames":"Author"}},
           {"__typename":"Contribution","sequenceNumber":3}
         ],
         "products":[\#(products.joined(separator: ","))]}
        """#
    }

    static let contract = #"""
        {"__typename":"Contract","id":77,"contractName":"Goddess head contract","description":null,"signedDate":"2017-06-01","term":84,
         "terminatedDate":null,"terminationReason":null,"reviewDate":"2024-06-01","copyrightYear":2018,
         "msDeliveryDate":"2017-09-01","revisedMsDeliveryDate":"2017-10-15","actualMsDeliveryDate":null,"msProofsDate":"2017-12-01","pubBeforeDate":"2019-06-01",
         "freeCopies":20,"freeCopiesUsed":4,"flatFeeValue":null,"guaranteedRoyaltyValue":1500.0,"authorDiscount":35.5,"remainderRate":0.1,
         "client":{"__typename":"Person","id":30,"name":"Ann Author"},
         "work":{"__typename":"Work","id":55,"title":"The Goddess of Small Things"},
         "deliveryDates":[
           {"__typename":"DeliveryDate","id":1,"dateDue":"2017-09-01","slippedDate":"2017-10-15","deliverableType":"Manuscript","deliveryRequirement":"Complete text","percentageOfTotal":100.0},
           {"__typename":"DeliveryDate","id":2,"dateDue":"2017-11-01","slippedDate":null,"deliverableType":"Illustrations","deliveryRequirement":null,"percentageOfTotal":null},
           {"__typename":"DeliveryDate","dateDue":"2017-12-01"}
         ],
         "licensedRights":[{"__typename":"LicensedRight","id":5,"rightType":"Audio","authorCut":50.0},{"__typename":"LicensedRight","id":6,"rightType":"Translation","authorCut":null}]}
        """#

    static let contacts = #"""
        [{"__typename":"Person","id":30,"name":"Ann Author","emails":[{"email":"ann@example.com"}],"phones":[],"personName":"Ann Author","keyNames":"Author",
          "webLinks":[{"id":8,"link":"https://ann.example","role":"_06","note":"Author site","includeInOnix":false}]},
         {"__typename":"Organisation","id":31,"name":"Editorial Collective","emails":null,"phones":null,"organisationName":"Editorial Collective","webLinks":null},
         {"__typename":"Robot","id":32,"name":"Mystery"},
         {"name":"No id"}]
        """#
}
