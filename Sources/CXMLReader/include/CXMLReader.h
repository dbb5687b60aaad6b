// libxml2's SAX parser, opened with dlopen the first time a run file is read. Linked in, it and
// the ICU it pulls along cost every rehab command a millisecond or more at start, for a parser
// only `rehab import` and the app's Import screen use.
#ifndef REHAB_XML_READER_H
#define REHAB_XML_READER_H

/// What the parser found, in document order. `attributes` holds `count` pairs of qualified
/// name and value; every string ends in NUL and lives only for the call.
typedef struct {
    void (*start)(void *context, const char *local_name, int count, const char *const *attributes);
    void (*end)(void *context, const char *local_name);
    void (*characters)(void *context, const char *bytes, int length);
} rehab_xml_events;

/// How the parse ended: `ok` 1 for a well-formed document; otherwise where the parser stopped
/// (line and column from 1) and libxml2's error code (xmlParserErrors).
typedef struct {
    int ok;
    int line;
    int column;
    int error_code;
} rehab_xml_result;

/// 1 once libxml2 is loaded (at most one attempt per process), 0 when it cannot be.
int rehab_xml_load(void);

/// Parses `length` bytes, fed in chunks as a stream: no network, no DTD, no entity
/// substitution, no error printing. Call only after `rehab_xml_load` said 1.
rehab_xml_result rehab_xml_parse(
    const char *bytes, long length, const rehab_xml_events *events, void *context);

#endif
