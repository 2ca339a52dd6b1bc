/// The subset of Consonance's GraphQL schema that the sandbox serves, written as SDL.
///
/// It follows `consonance-api.md` (the official guide and schema pages): plain arrays, paging only with `after`,
/// `changedSince` as a calendar date, ONIX codes as enums with a leading underscore where the code starts with a
/// digit, product forms from ONIX 2.1 List 7, and Relay-style mutations (`XxxInput` → `XxxPayload`). Nothing here is
/// invented: a field that is not in the reference is not in the schema. Where the reference marks a detail as
/// uncertain (the root mutation names, the WebLink input fields) the GraphQL-Ruby convention is used.
enum ConsonanceSchemaSDL {
    static let text = """
        scalar ISO8601Date
        scalar URL

        type Query {
          products(productSearch: ProductSearchAttributes, workSearch: WorkSearchAttributes, priceSearch: PriceSearchAttributes): [Product!]!
          product(productSearch: ProductSearchAttributes): Product
          works(workSearch: WorkSearchAttributes, productSearch: ProductSearchAttributes): [Work!]!
          work(workSearch: WorkSearchAttributes): Work
          contacts(contactSearch: ContactSearchAttributes): [Contact!]!
          person(id: Int!): Person
          organisation(organisationSearch: OrganisationSearchAttributes): Organisation
          contract(contractSearch: ContractSearchAttributes): Contract
        }

        type Mutation {
          updateProduct(input: UpdateProductInput!): UpdateProductPayload
          updateWork(input: UpdateWorkInput!): UpdateWorkPayload
          updateContract(input: UpdateContractInput!): UpdateContractPayload
          createWebLink(input: CreateWebLinkInput!): CreateWebLinkPayload
          updateWebLink(input: UpdateWebLinkInput!): UpdateWebLinkPayload
          deleteWebLink(input: DeleteWebLinkInput!): DeleteWebLinkPayload
          createDeliveryDate(input: CreateDeliveryDateInput!): CreateDeliveryDatePayload
          deleteDeliveryDate(input: DeleteDeliveryDateInput!): DeleteDeliveryDatePayload
        }

        input ProductSearchAttributes {
          after: Int
          idEq: Int
          isbn13Eq: String
          isbn13In: [String!]
          isbn13Assigned: Boolean
          titleEq: String
          titleCont: String
          titlePrefixPresent: String
          publicationDateEq: ISO8601Date
          publicationDateGt: ISO8601Date
          publicationDateLt: ISO8601Date
          publicationDateGteq: ISO8601Date
          publicationDateLteq: ISO8601Date
          onix21ProductFormCodeIn: [ONIX21ProductFormCode!]
          changedSince: ISO8601Date
          productTypes: [ProductTypename!]
        }

        input WorkSearchAttributes {
          after: Int
          idEq: Int
          contractIdEq: Int
          changedSince: ISO8601Date
          titleEq: String
          titleCont: String
          subtitleEq: String
          subtitleCont: String
          subtitlePresent: Boolean
          imprintIdIn: [Int!]
        }

        input PriceSearchAttributes {
          amountLteq: Float
          currencyCodeIn: [CurrencyCode!]
          onixPriceTypeCodeIn: [ONIXPriceTypeCode!]
          onixPriceTypeQualifierCodeIn: [ONIXPriceTypeQualifierCode!]
        }

        input ContactSearchAttributes { personNameCont: String }
        input OrganisationSearchAttributes { nameEq: String }
        input ContractSearchAttributes { idEq: Int }

        enum ProductTypename {
          PhysicalBookProduct ElectronicBookProduct ElectronicAudioProduct PhysicalAudioProduct PhysicalProduct ElectronicProduct GenericProduct
        }

        "ONIX 2.1 List 7 (a subset): Consonance reports product forms in ONIX 2.1, not 3.0."
        enum ONIX21ProductFormCode {
          _00 AA AB AC AD AE AF AG AH AI AJ AK AL AZ
          BA BB BC BD BE BF BG BH BI BJ BK BL BM BN BO BP BZ
          CA CB CC CD CE CZ
          DA DB DC DD DE DF DG DH DI DJ DK DL DM DN DZ
          FA FB FC FD FE FF FZ
          MA MB MC MZ
          PA PB PC PD PE PF PG PH PI PJ PK PL PM PN PO PP PQ PR PS PT PZ
          VA VB VC VD VE VF VG VH VI VJ VK VL VM VN VO VP VZ
          WW WX XX ZZ
        }

        "ONIX List 64: publishing status."
        enum ONIXPublishingStatusCode { _00 _01 _02 _03 _04 _05 _06 _07 _08 _09 _10 _11 _12 _13 _15 _16 _17 _18 }

        "ONIX List 17: contributor role (the codes a trade publisher meets)."
        enum ONIXContributorRoleCode {
          A01 A02 A06 A07 A08 A09 A12 A13 A14 A15 A19 A22 A23 A24 A29 A32 A34 A36 A38 A99
          B01 B02 B03 B04 B05 B06 B09 B10 B11 B13 B21 B99 C01 C02 E03 E07 Z01 Z98 Z99
        }

        "ONIX List 73: website role."
        enum ONIXWebsiteRoleCode { _00 _01 _02 _03 _04 _05 _06 _07 _08 _09 _10 _11 _12 _13 _14 _15 _16 _17 _18 _19 _20 _21 _22 _23 _24 _25 _26 _27 _28 _29 _30 _31 _32 _33 _34 _35 _36 _37 _38 _42 _50 }

        "ONIX List 58: price type."
        enum ONIXPriceTypeCode { _01 _02 _03 _04 _05 _06 _07 _08 _09 _11 _12 _13 _14 _41 _42 }

        "ONIX List 59: price type qualifier."
        enum ONIXPriceTypeQualifierCode { _00 _01 _02 _03 _04 _05 _06 _07 _08 _09 _10 _11 _12 _13 _14 _15 }

        "ISO 4217 currency codes."
        enum CurrencyCode { GBP USD EUR AUD CAD NZD ZAR INR }

        enum MarketingTextVariant { SHORT_DESCRIPTION LONG_DESCRIPTION REVIEW_QUOTE BIOGRAPHICAL_NOTE }

        enum LengthUnit { MM CM IN }

        type ONIXCode {
          code: String!
          value: String!
          description: String
          notes: String
          isDeprecated: Boolean!
          codeList: Int
        }

        type ISBN {
          isbn13: String!
          isbn10: String
          isbnWithDashes: String!
          isbnWithSpaces: String!
        }

        type Price {
          id: Int!
          amount: Float!
          amountWithCurrencyCode: String!
          amountWithCurrencySymbol: String!
          currencyCode: CurrencyCode!
          onixPriceTypeCode: ONIXPriceTypeCode!
          onixPriceTypeQualifierCode: ONIXPriceTypeQualifierCode
          effectiveFrom: ISO8601Date
          effectiveTo: ISO8601Date
        }

        type MarketingText {
          id: Int!
          externalText: String
          internalText: String
          fromDate: ISO8601Date
        }

        type InHouseFormat { name: String! code: String! }
        type InHouseEdition { name: String! code: String! }

        type WebLink {
          id: Int!
          link: URL!
          role: ONIXWebsiteRoleCode!
          note: String
          includeInOnix: Boolean!
        }

        interface Product {
          id: Int!
          isbn: ISBN
          fullTitle: String!
          titlePrefix: String
          titleWithoutPrefix: String!
          subtitle: String
          authorshipDescription: String
          productAuthorshipDescription: String
          publicationDate: ISO8601Date
          plannedPublicationDate: ISO8601Date
          publicationDateString(directives: String): String
          plannedPublicationDateString(directives: String): String
          onixPublishingStatusCode: ONIXPublishingStatusCode
          onixPublishingStatus: ONIXCode
          onix21ProductFormCode: ONIX21ProductFormCode
          onix21ProductForm: ONIXCode
          prices(priceSearch: PriceSearchAttributes): [Price!]!
          marketingTexts(variantIn: [MarketingTextVariant!]): [MarketingText!]!
          inHouseFormat: InHouseFormat
          inHouseEdition: InHouseEdition
          forSaleCountryCodes: [String!]!
          notForSaleCountryCodes: [String!]!
          salesRightsDescription: String
          isForSaleWorldwide: Boolean!
          webLinks: [WebLink!]!
          work: Work!
        }

        type PhysicalBookProduct implements Product {
          id: Int!
          isbn: ISBN
          fullTitle: String!
          titlePrefix: String
          titleWithoutPrefix: String!
          subtitle: String
          authorshipDescription: String
          productAuthorshipDescription: String
          publicationDate: ISO8601Date
          plannedPublicationDate: ISO8601Date
          publicationDateString(directives: String): String
          plannedPublicationDateString(directives: String): String
          onixPublishingStatusCode: ONIXPublishingStatusCode
          onixPublishingStatus: ONIXCode
          onix21ProductFormCode: ONIX21ProductFormCode
          onix21ProductForm: ONIXCode
          prices(priceSearch: PriceSearchAttributes): [Price!]!
          marketingTexts(variantIn: [MarketingTextVariant!]): [MarketingText!]!
          inHouseFormat: InHouseFormat
          inHouseEdition: InHouseEdition
          forSaleCountryCodes: [String!]!
          notForSaleCountryCodes: [String!]!
          salesRightsDescription: String
          isForSaleWorldwide: Boolean!
          webLinks: [WebLink!]!
          work: Work!
          approximatePageCount: Int
          productHeight(unit: LengthUnit): Float
          productWidth(unit: LengthUnit): Float
          productThickness(unit: LengthUnit): Float
        }

        # ElectronicBookProduct, ElectronicAudioProduct, PhysicalAudioProduct and GenericProduct implement Product with
        # exactly the Product interface's fields (declared in full by the sandbox's schema builder).

        type Work {
          id: Int!
          title: String!
          subtitle: String
          titleStatement: String
          workType: String
          projectStage: String
          season: String
          editionNumber: Int
          editionStatement: String
          authorshipDescription: String
          contributorPrettyList: String
          contributions: [Contribution!]!
          imprint: Imprint
          products(productSearch: ProductSearchAttributes): [Product!]!
          seriesMemberships: [SeriesMembership!]!
          marketingTexts: [MarketingText!]!
          publishersUrl: String
        }

        type Imprint { id: Int! name: String! }

        type Series { id: Int! name: String! subtitle: String titleWithSubtitle: String }
        type SeriesMembership { partNumber: String series: Series! }

        type Contribution {
          id: Int!
          sequenceNumber: Int!
          onixContributorRoleCode: ONIXContributorRoleCode!
          onixContributorRole: ONIXCode
          contributor: Contact!
          productIds: [Int!]!
          workId: Int!
          work: Work!
        }

        type Email { email: String! }
        type Phone { phoneNumber: String! phoneType: String }

        interface Contact {
          id: Int!
          name: String!
          emails: [Email!]!
          phones: [Phone!]!
          webLinks: [WebLink!]!
        }

        type PersonContribution { workTitle: String! role: String! }

        type Person implements Contact {
          id: Int!
          name: String!
          emails: [Email!]!
          phones: [Phone!]!
          webLinks: [WebLink!]!
          keyNames: String
          personName: String
          personNameInverted: String
          biographicalNote: String
          contributions: [PersonContribution!]!
        }

        type Organisation implements Contact {
          id: Int!
          name: String!
          emails: [Email!]!
          phones: [Phone!]!
          webLinks: [WebLink!]!
          organisationName: String!
          organisationCountry: String
        }

        type DeliveryDate {
          id: Int!
          dateDue: ISO8601Date
          deliverableType: String
          deliveryRequirement: String
          percentageOfTotal: Float
          slippedDate: ISO8601Date
        }

        type LicensedRight { id: Int! rightType: String! authorCut: Float! }

        type Contract {
          id: Int!
          contractName: String!
          description: String
          client: Contact
          work: Work
          signedDate: ISO8601Date
          term: Int
          terminatedDate: ISO8601Date
          terminationReason: String
          reviewDate: ISO8601Date
          copyrightYear: Int
          msDeliveryDate: ISO8601Date
          revisedMsDeliveryDate: ISO8601Date
          actualMsDeliveryDate: ISO8601Date
          msProofsDate: ISO8601Date
          pubBeforeDate: ISO8601Date
          deliveryDates: [DeliveryDate!]!
          licensedRights: [LicensedRight!]!
          freeCopies: Int
          freeCopiesUsed: Int
          flatFeeValue: Float
          guaranteedRoyaltyValue: Float
          authorDiscount: Float
          remainderRate: Float
        }

        input UpdateProductInput {
          clientMutationId: String
          id: Int!
          title: String
          subtitle: String
          prefix: String
          publishersReference: String
          internalReference: String
          publicationDate: ISO8601Date
          plannedPublicationDate: ISO8601Date
        }
        type UpdateProductPayload { clientMutationId: String product: Product errors: [String!]! }

        input UpdateWorkInput {
          clientMutationId: String
          id: Int!
          title: String
          subtitle: String
          editionStatement: String
          publishersUrl: String
        }
        type UpdateWorkPayload { clientMutationId: String work: Work errors: [String!]! }

        input UpdateContractInput {
          clientMutationId: String
          id: Int!
          contractName: String
          signedDate: ISO8601Date
          description: String
          freeCopies: Int
          freeCopiesUsed: Int
          authorDiscount: Float
          remainderRate: Float
          guaranteedRoyaltyValue: Float
          flatFeeValue: Float
          terminationReason: String
          terminatedDate: ISO8601Date
        }
        type UpdateContractPayload { clientMutationId: String contract: Contract errors: [String!]! }

        input CreateWebLinkInput {
          clientMutationId: String
          productId: Int
          contactId: Int
          link: URL!
          role: ONIXWebsiteRoleCode!
          note: String
          includeInOnix: Boolean
        }
        type CreateWebLinkPayload { clientMutationId: String webLink: WebLink errors: [String!]! }

        input UpdateWebLinkInput {
          clientMutationId: String
          id: Int!
          link: URL
          role: ONIXWebsiteRoleCode
          note: String
          includeInOnix: Boolean
        }
        type UpdateWebLinkPayload { clientMutationId: String webLink: WebLink errors: [String!]! }

        input DeleteWebLinkInput { clientMutationId: String id: Int! }
        type DeleteWebLinkPayload { clientMutationId: String id: Int errors: [String!]! }

        input CreateDeliveryDateInput {
          clientMutationId: String
          contractId: Int!
          dateDue: ISO8601Date!
          deliverableType: String
          deliveryRequirement: String
          percentageOfTotal: Float
        }
        type CreateDeliveryDatePayload { clientMutationId: String deliveryDate: DeliveryDate errors: [String!]! }

        input DeleteDeliveryDateInput { clientMutationId: String id: Int! }
        type DeleteDeliveryDatePayload { clientMutationId: String id: Int errors: [String!]! }
        """
}
