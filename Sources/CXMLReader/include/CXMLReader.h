// libxml2's text reader, opened with dlopen the first time a run file is read. Linked in, it and
// the ICU it pulls along cost every rehab command a millisecond or more at start, for a parser
// only `rehab import` and the app's Import screen use.
#ifndef REHAB_XML_READER_H
#define REHAB_XML_READER_H

/// 1 once libxml2 is loaded (at most one attempt per process), 0 when it cannot be.
int rehab_xml_load(void);

/// A reader over `length` bytes (kept alive by the caller until closed): no network, no entity
/// substitution, no error printing. NULL when libxml2 is not loaded or refuses the buffer.
void *rehab_xml_open(const char *bytes, int length);
void rehab_xml_close(void *reader);

/// 1 with a node, 0 at the end of the document, -1 on an error.
int rehab_xml_read(void *reader);
/// libxml2's xmlReaderTypes: 1 element, 3 text, 4 CDATA, 13/14 whitespace, 15 end of element.
int rehab_xml_node_type(void *reader);
int rehab_xml_is_empty_element(void *reader);
/// The node's name without its namespace prefix; its qualified name; its text. NULL when none.
const char *rehab_xml_local_name(void *reader);
const char *rehab_xml_name(void *reader);
const char *rehab_xml_value(void *reader);
/// Walks the element's attributes (1 while there is one), then back to the element.
int rehab_xml_next_attribute(void *reader);
int rehab_xml_back_to_element(void *reader);

/// Where the parser is, from 1.
int rehab_xml_line(void *reader);
int rehab_xml_column(void *reader);
/// libxml2's code for the last error (xmlParserErrors), 0 when none.
int rehab_xml_last_error_code(void);

#endif
