@_spi(Testing) import ArgMapFormats
import ArgMapModel
import FuzzSupport

/// The kialo importer: a map or a located error, never a crash or a hang; a map it gives is
/// valid and saves as an argument file that reads back; from its bytes and from its text,
/// byte by byte and by characters, it reads the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKialo(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Checks.importer(data, size, name: "kialo", recognizes: KialoFormat.recognizes) { (text) throws(LoadFailure) in try KialoFormat.read(text) }
    Checks.bytesPathAgrees(data, size, path: "fuzz.txt")
    // Plain lines are read byte by byte, the others by characters: read all by characters,
    // the file gives the same map, notes and messages.
    let text = Checks.text(data, size)
    let bytewise: Result<ImportResult, LoadFailure>, characterwise: Result<ImportResult, LoadFailure>
    do { bytewise = .success(try KialoFormat.read(text)) } catch { bytewise = .failure(error) }
    do { characterwise = .success(try KialoFormat.read(text, file: nil, byCharacters: true)) } catch { characterwise = .failure(error) }
    switch (bytewise, characterwise) {
    case let (.success(a), .success(b)):
        let same = a.map.title == b.map.title && a.map.relations == b.map.relations && a.notes == b.notes
            && a.map.claims.map { Array($0.id.utf8) + [0] + Array($0.text.utf8) } == b.map.claims.map { Array($0.id.utf8) + [0] + Array($0.text.utf8) }
            && a.map.claims.map(\.sources) == b.map.claims.map(\.sources)
        if !same { Checks.fail("the Kialo reader reads the file differently byte by byte and by characters:\n\(text)") }
    case let (.failure(a), .failure(b)):
        if a.description != b.description { Checks.fail("the Kialo reader refuses the file differently byte by byte and by characters:\n\(a)\n---\n\(b)") }
    default:
        Checks.fail("the Kialo reader reads the file one way and refuses it the other:\n\(text)")
    }
    return 0
}
