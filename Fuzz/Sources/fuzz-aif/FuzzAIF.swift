import ArgMapFormats
import ArgMapModel
import FuzzSupport

/// The aif importer: a map or a located error, never a crash or a hang; a map it gives is
/// valid and saves as an argument file that reads back; read from the file's bytes (as
/// `import` reads it), it gives the same map and notes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAIF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Checks.importer(data, size, name: "aif", recognizes: AIFFormat.recognizes) { (text) throws(LoadFailure) in try AIFFormat.read(text) }
    Checks.bytesPathAgrees(data, size, path: "fuzz.aif")
    return 0
}
