import Foundation

/// Why a file the user named was not written. Whatever the reason, an existing file at that
/// path is left exactly as it was.
public struct OutputFileError: Error, Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// The path is the database, or one of its -wal, -shm or -journal files.
        case isDatabase
        /// A file is there already and `force` was not given.
        case exists
        /// The path is a symbolic link and `force` was not given.
        case symlink
        /// A directory, device, pipe or socket: never replaced, not even with `force`.
        case notRegularFile
        /// The folder it would go in does not exist or is not a folder.
        case noFolder(String)
        case diskFull
        /// What the system said (strerror, or SQLite's message).
        case system(String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}

/// Every file a user names (`export --output`, `report --output`, `plans export --output`,
/// `backup`) is written here, and only here: into a new 0600 file beside the target, flushed to
/// disk, then moved into place in one step. A full disk, a kill or a refusal therefore never
/// leaves a half-written file, and never touches the old one. The database and its side files
/// are refused by identity (same inode) and by name, whatever the spelling of the path.
public enum OutputFile {
    /// Writes `data` to `path`. `database` is the SQLite file in use (nil for none, e.g. the
    /// clinic's PostgreSQL URL).
    public static func write(
        _ data: Data, to path: String, database: String?, force: Bool
    ) throws(OutputFileError) {
        try write(to: path, database: database, force: force) { (temporary: String) throws in
            try writeAll(data, toNewFile: temporary)
        }
    }

    /// Refuses what may not be written, without writing anything: for a caller that wants to
    /// say no before doing slow work.
    public static func check(_ path: String, database: String?, force: Bool)
        throws(OutputFileError)
    {
        func refuse(_ reason: OutputFileError.Reason) -> OutputFileError {
            OutputFileError(path: path, reason: reason)
        }
        guard !path.isEmpty else { throw refuse(.system("empty path")) }
        if let database, isDatabase(path, database: database) { throw refuse(.isDatabase) }
        let folder = folder(of: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
            isFolder.boolValue
        else { throw refuse(.noFolder(folder)) }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw refuse(.system(String(cString: strerror(errno))))
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            if !force { throw refuse(.symlink) }
            // The link itself is replaced, never its target; still, a link to a device or a
            // folder is a mistake worth naming.
            var target = stat()
            if stat(path, &target) == 0, target.st_mode & S_IFMT != S_IFREG {
                throw refuse(.notRegularFile)
            }
        case S_IFREG:
            if !force { throw refuse(.exists) }
        default:
            throw refuse(.notRegularFile)
        }
    }

    /// Lets `produce` fill a new temporary file (it exists, empty, 0600) beside `path`, then
    /// flushes it and moves it into place. Used directly by the backup, which SQLite writes.
    public static func write(
        to path: String, database: String?, force: Bool,
        produce: (String) throws -> Void
    ) throws(OutputFileError) {
        try check(path, database: database, force: force)
        let temporary = try createTemporary(beside: path)
        var committed = false
        defer {
            if !committed {
                unlink(temporary)
                unlink(temporary + "-journal")
            }
        }
        do {
            try produce(temporary)
        } catch let error as OutputFileError {
            throw OutputFileError(path: path, reason: error.reason)
        } catch {
            throw OutputFileError(path: path, reason: reason("\(error)", folder: folder(of: path)))
        }
        try flush(temporary, path: path)
        // Checked again just before the move: the database may have appeared at that name.
        try check(path, database: database, force: force)
        if force {
            guard rename(temporary, path) == 0 else { throw systemError(path) }
        } else {
            // link() fails if the name was taken meanwhile, where rename() would replace it.
            if link(temporary, path) != 0 {
                if errno == EEXIST { throw OutputFileError(path: path, reason: .exists) }
                guard errno == EPERM || errno == ENOTSUP || errno == EXDEV,
                    rename(temporary, path) == 0
                else { throw systemError(path) }
            } else {
                unlink(temporary)
            }
        }
        committed = true
        syncFolder(folder(of: path))
    }

    // MARK: - Pieces

    /// True when `path` is the database or one of its side files, by inode or by name.
    public static func isDatabase(_ path: String, database: String) -> Bool {
        let candidates = ["", "-wal", "-shm", "-journal"].map { database + $0 }
        for candidate in candidates {
            var a = stat()
            var b = stat()
            if stat(path, &a) == 0, stat(candidate, &b) == 0, a.st_dev == b.st_dev,
                a.st_ino == b.st_ino
            {
                return true
            }
        }
        let resolved = canonical(path)
        return candidates.contains { canonical($0) == resolved }
    }

    /// The absolute path with the folder's symlinks resolved; the last part as written, then
    /// followed if it is a link (so a link named x pointing at the database is the database).
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        let joined = (folder as NSString).appendingPathComponent(url.lastPathComponent)
        return URL(fileURLWithPath: joined).resolvingSymlinksInPath().path
    }

    public static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func createTemporary(beside path: String) throws(OutputFileError) -> String {
        let folder = folder(of: path)
        let base = (path as NSString).lastPathComponent
        for _ in 0..<20 {
            let name = ".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            let candidate = (folder as NSString).appendingPathComponent(name)
            let fd = open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                fchmod(fd, 0o600)
                close(fd)
                return candidate
            }
            if errno != EEXIST { throw systemError(path) }
        }
        throw OutputFileError(path: path, reason: .system("no free temporary name"))
    }

    static func writeAll(_ data: Data, toNewFile temporary: String) throws(OutputFileError) {
        let fd = open(temporary, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw systemError(temporary) }
        defer { close(fd) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let start = buffer.baseAddress.map { $0 + offset }
                let n = Glibc.write(fd, start, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { throw OutputFileError(path: temporary, reason: reason(errno: failure)) }
    }

    static func flush(_ temporary: String, path: String) throws(OutputFileError) {
        let fd = open(temporary, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw systemError(path) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        guard fsync(fd) == 0 else { throw systemError(path) }
    }

    /// The rename is only durable once the folder's entry is on disk too.
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func systemError(_ path: String) -> OutputFileError {
        OutputFileError(path: path, reason: reason(errno: errno))
    }

    static func reason(errno code: Int32) -> OutputFileError.Reason {
        code == ENOSPC || code == EDQUOT ? .diskFull : .system(String(cString: strerror(code)))
    }

    /// Why writing into `folder` failed, from the failure's own words (`what`). SQLite reports a
    /// full disk as SQLITE_FULL, but through the backup API sometimes only as "not an error";
    /// the free space of the folder settles it.
    public static func reason(_ what: String, folder: String) -> OutputFileError.Reason {
        var space = statvfs()
        if statvfs(folder, &space) == 0, space.f_bavail == 0 { return .diskFull }
        if what.contains("full") { return .diskFull }
        return .system(what)
    }
}
