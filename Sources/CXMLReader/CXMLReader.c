// See include/CXMLReader.h. Only libxml2's stable C entry points are named, by dlsym, so
// neither its headers nor its library are needed to build rehab.
#include "CXMLReader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

// XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET (parser.h). Entities are not
// substituted (no XML_PARSE_NOENT) and no DTD is loaded; callers refuse a DOCTYPE anyway.
static const int options = (1 << 5) | (1 << 6) | (1 << 11);

// The head of libxml2's xmlError, unchanged since libxml2 2.0: domain, then code.
typedef struct {
    int domain;
    int code;
} error_head;

static struct {
    void *(*for_memory)(const char *, int, const char *, const char *, int);
    void (*free_reader)(void *);
    int (*read)(void *);
    int (*node_type)(void *);
    int (*is_empty)(void *);
    const unsigned char *(*local_name)(void *);
    const unsigned char *(*name)(void *);
    const unsigned char *(*value)(void *);
    int (*next_attribute)(void *);
    int (*to_element)(void *);
    int (*line)(void *);
    int (*column)(void *);
    const error_head *(*last_error)(void);
    void (*reset_last_error)(void);
    int loaded;
} xml;

static pthread_once_t once = PTHREAD_ONCE_INIT;

#define FIND(field, symbol)                                  \
    if ((*(void **)&xml.field = dlsym(handle, symbol)) == NULL) { \
        dlclose(handle);                                     \
        return;                                              \
    }

static void load(void) {
    void *handle = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return;
    FIND(for_memory, "xmlReaderForMemory")
    FIND(free_reader, "xmlFreeTextReader")
    FIND(read, "xmlTextReaderRead")
    FIND(node_type, "xmlTextReaderNodeType")
    FIND(is_empty, "xmlTextReaderIsEmptyElement")
    FIND(local_name, "xmlTextReaderConstLocalName")
    FIND(name, "xmlTextReaderConstName")
    FIND(value, "xmlTextReaderConstValue")
    FIND(next_attribute, "xmlTextReaderMoveToNextAttribute")
    FIND(to_element, "xmlTextReaderMoveToElement")
    FIND(line, "xmlTextReaderGetParserLineNumber")
    FIND(column, "xmlTextReaderGetParserColumnNumber")
    FIND(last_error, "xmlGetLastError")
    FIND(reset_last_error, "xmlResetLastError")
    xml.loaded = 1;
}

int rehab_xml_load(void) {
    pthread_once(&once, load);
    return xml.loaded;
}

void *rehab_xml_open(const char *bytes, int length) {
    if (!rehab_xml_load()) return NULL;
    xml.reset_last_error();
    return xml.for_memory(bytes, length, NULL, NULL, options);
}

void rehab_xml_close(void *reader) { xml.free_reader(reader); }
int rehab_xml_read(void *reader) { return xml.read(reader); }
int rehab_xml_node_type(void *reader) { return xml.node_type(reader); }
int rehab_xml_is_empty_element(void *reader) { return xml.is_empty(reader); }
const char *rehab_xml_local_name(void *reader) { return (const char *)xml.local_name(reader); }
const char *rehab_xml_name(void *reader) { return (const char *)xml.name(reader); }
const char *rehab_xml_value(void *reader) { return (const char *)xml.value(reader); }
int rehab_xml_next_attribute(void *reader) { return xml.next_attribute(reader); }
int rehab_xml_back_to_element(void *reader) { return xml.to_element(reader); }
int rehab_xml_line(void *reader) { return xml.line(reader); }
int rehab_xml_column(void *reader) { return xml.column(reader); }

int rehab_xml_last_error_code(void) {
    if (!xml.loaded) return 0;
    const error_head *error = xml.last_error();
    return error == NULL ? 0 : error->code;
}
