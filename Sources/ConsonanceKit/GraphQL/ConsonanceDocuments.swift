/// The GraphQL documents ``ConsonanceClient`` sends, as fixed strings.
///
/// Public so that tests elsewhere (for example against a sandbox serving the schema) can validate every document
/// the client can send. Each is one operation plus the shared fragments it uses (``ConsonanceFragments``).
/// Arguments go in variables, never spliced into the text; ONIX enum variables carry the underscore form (`_02`).
public enum ConsonanceDocuments {
    // MARK: Products

    public static let productByISBN = ConsonanceFragments.document("""
        query ProductByISBN($isbn13: String!) {
          product(productSearch: {isbn13Eq: $isbn13}) { ...ProductFields work { ...WorkSummaryFields } }
        }
        """)

    public static let productByID = ConsonanceFragments.document("""
        query ProductByID($id: Int!) {
          product(productSearch: {idEq: $id}) { ...ProductFields work { ...WorkSummaryFields } }
        }
        """)

    public static let productsByISBN = ConsonanceFragments.document("""
        query ProductsByISBN($isbn13In: [String!]!) {
          products(productSearch: {isbn13In: $isbn13In}) { ...ProductFields work { ...WorkSummaryFields } }
        }
        """)

    public static let productsByTitle = ConsonanceFragments.document("""
        query ProductsByTitle($title: String!) {
          products(productSearch: {titleEq: $title}) { ...ProductFields work { ...WorkSummaryFields } }
        }
        """)

    public static let productsPage = ConsonanceFragments.document("""
        query ProductsPage($after: Int, $changedSince: ISO8601Date) {
          products(productSearch: {after: $after, changedSince: $changedSince}) { ...ProductFields work { ...WorkSummaryFields } }
        }
        """)

    // MARK: Works

    public static let workByID = ConsonanceFragments.document("""
        query WorkByID($id: Int!) {
          work(workSearch: {idEq: $id}) { ...WorkFields }
        }
        """)

    public static let worksPage = ConsonanceFragments.document("""
        query WorksPage($after: Int, $changedSince: ISO8601Date) {
          works(workSearch: {after: $after, changedSince: $changedSince}) { ...WorkFields }
        }
        """)

    public static let worksByContract = ConsonanceFragments.document("""
        query WorksByContract($contractID: Int!) {
          works(workSearch: {contractIdEq: $contractID}) { ...WorkFields }
        }
        """)

    // MARK: Contracts and contacts

    public static let contractByID = ConsonanceFragments.document("""
        query ContractByID($id: Int!) {
          contract(contractSearch: {idEq: $id}) { ...ContractFields }
        }
        """)

    public static let contactsByPersonName = ConsonanceFragments.document("""
        query ContactsByPersonName($name: String!) {
          contacts(contactSearch: {personNameCont: $name}) { ...ContactDetailFields }
        }
        """)

    public static let personByID = ConsonanceFragments.document("""
        query PersonByID($id: Int!) {
          person(id: $id) { ...ContactDetailFields }
        }
        """)

    // MARK: Mutations

    public static let updateProduct = ConsonanceFragments.document("""
        mutation UpdateProduct($input: UpdateProductInput!) {
          updateProduct(input: $input) { __typename errors product { ...ProductFields work { ...WorkSummaryFields } } }
        }
        """)

    public static let updateWork = ConsonanceFragments.document("""
        mutation UpdateWork($input: UpdateWorkInput!) {
          updateWork(input: $input) { __typename errors work { ...WorkFields } }
        }
        """)

    public static let updateContract = ConsonanceFragments.document("""
        mutation UpdateContract($input: UpdateContractInput!) {
          updateContract(input: $input) { __typename errors contract { ...ContractFields } }
        }
        """)

    public static let createWebLink = ConsonanceFragments.document("""
        mutation CreateWebLink($input: CreateWebLinkInput!) {
          createWebLink(input: $input) { __typename errors webLink { ...WebLinkFields } }
        }
        """)

    public static let updateWebLink = ConsonanceFragments.document("""
        mutation UpdateWebLink($input: UpdateWebLinkInput!) {
          updateWebLink(input: $input) { __typename errors webLink { ...WebLinkFields } }
        }
        """)

    public static let deleteWebLink = ConsonanceFragments.document("""
        mutation DeleteWebLink($input: DeleteWebLinkInput!) {
          deleteWebLink(input: $input) { __typename errors id }
        }
        """)

    /// Every document, by operation name.
    public static let all: [String: String] = [
        "ProductByISBN": productByISBN, "ProductByID": productByID, "ProductsByISBN": productsByISBN, "ProductsByTitle": productsByTitle,
        "ProductsPage": productsPage, "WorkByID": workByID, "WorksPage": worksPage, "WorksByContract": worksByContract,
        "ContractByID": contractByID, "ContactsByPersonName": contactsByPersonName, "PersonByID": personByID,
        "UpdateProduct": updateProduct, "UpdateWork": updateWork, "UpdateContract": updateContract,
        "CreateWebLink": createWebLink, "UpdateWebLink": updateWebLink, "DeleteWebLink": deleteWebLink,
    ]
}
