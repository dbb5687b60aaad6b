// See include/CXMLReader.h. Only libxml2's stable C interface is used, looked up by dlsym:
// neither its headers nor its library are needed to build rehab. The handler below is
// libxml2's xmlSAXHandler as parser.h declares it, unchanged since libxml2 2.6.
#include "CXMLReader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET (parser.h).
// Recovering, as Foundation's XMLParser did, a stray end tag still closes the element it
// stands for, so a cut-off file names the element that was really left open. Entities are
// not substituted (no XML_PARSE_NOENT) and no DTD is loaded; callers refuse a DOCTYPE anyway.
static const int options = (1 << 0) | (1 << 5) | (1 << 6) | (1 << 11);
static const unsigned int sax2_magic = 0xDEEDBEAF;
// Fed like a stream: handed all at once, libxml2 gives up on files over 10,000,000 bytes
// ("huge input lookup"), far below the 64 MiB a day-long watch file may need.
static const long chunk = 64 * 1024;

typedef void (*any_function)(void);
typedef const unsigned char text;

typedef struct {
    any_function before_locator[11];  // internalSubset … unparsedEntityDecl
    any_function set_document_locator;
    any_function start_document;
    any_function end_document;
    any_function start_element;
    any_function end_element;
    any_function reference;
    void (*characters)(void *, text *, int);
    void (*ignorable_whitespace)(void *, text *, int);
    any_function processing_instruction;
    any_function comment;
    void (*warning)(void *, const char *, ...);
    void (*error)(void *, const char *, ...);
    void (*fatal_error)(void *, const char *, ...);
    any_function get_parameter_entity;
    void (*cdata_block)(void *, text *, int);
    any_function external_subset;
    unsigned int initialized;
    void *private_data;
    void (*start_element_ns)(
        void *, text *, text *, text *, int, text **, int, int, text **);
    void (*end_element_ns)(void *, text *, text *, text *);
    void (*structured_error)(void *, const void *);
} sax_handler;

static struct {
    void *(*create_push)(sax_handler *, void *, const char *, int, const char *);
    int (*use_options)(void *, int);
    int (*parse_chunk)(void *, const char *, int, int);
    void (*free_context)(void *);
    int (*line)(void *);
    int (*column)(void *);
    int loaded;
} xml;

static pthread_once_t once = PTHREAD_ONCE_INIT;

#define FIND(field, symbol)                                         \
    if ((*(void **)&xml.field = dlsym(handle, symbol)) == NULL) {   \
        dlclose(handle);                                            \
        return;                                                     \
    }

static void load(void) {
    void *handle = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return;
    FIND(create_push, "xmlCreatePushParserCtxt")
    FIND(use_options, "xmlCtxtUseOptions")
    FIND(parse_chunk, "xmlParseChunk")
    FIND(free_context, "xmlFreeParserCtxt")
    FIND(line, "xmlSAX2GetLineNumber")
    FIND(column, "xmlSAX2GetColumnNumber")
    xml.loaded = 1;
}

int rehab_xml_load(void) {
    pthread_once(&once, load);
    return xml.loaded;
}

// What the callbacks need: the caller's events and context.
typedef struct {
    const rehab_xml_events *events;
    void *context;
} walk;

static void quiet(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static void quiet_structured(void *context, const void *error) {
    (void)context;
    (void)error;
}

static void characters(void *data, text *bytes, int length) {
    walk *w = data;
    w->events->characters(w->context, (const char *)bytes, length);
}

static void start_element(
    void *data, text *local_name, text *prefix, text *uri, int namespace_count,
    text **namespaces, int count, int defaulted, text **attributes) {
    (void)prefix;
    (void)uri;
    (void)namespace_count;
    (void)namespaces;
    (void)defaulted;
    walk *w = data;
    // Each attribute comes as (local name, prefix, URI, value start, value end): made into
    // NUL-terminated "prefix:name" and value pairs for the caller.
    const char **pairs = calloc((size_t)count * 2 + 1, sizeof(char *));
    if (pairs == NULL) return;
    for (int i = 0; i < count; i++) {
        text **a = attributes + i * 5;
        size_t name_length = strlen((const char *)a[0]);
        size_t prefix_length = a[1] ? strlen((const char *)a[1]) + 1 : 0;
        char *name = malloc(prefix_length + name_length + 1);
        size_t value_length = (size_t)(a[4] - a[3]);
        char *value = malloc(value_length + 1);
        if (name == NULL || value == NULL) {
            free(name);
            free(value);
            count = i;
            break;
        }
        if (a[1]) {
            memcpy(name, a[1], prefix_length - 1);
            name[prefix_length - 1] = ':';
        }
        memcpy(name + prefix_length, a[0], name_length + 1);
        memcpy(value, a[3], value_length);
        value[value_length] = 0;
        pairs[i * 2] = name;
        pairs[i * 2 + 1] = value;
    }
    w->events->start(w->context, (const char *)local_name, count, pairs);
    for (int i = 0; i < count * 2; i++) free((void *)pairs[i]);
    free(pairs);
}

static void end_element(void *data, text *local_name, text *prefix, text *uri) {
    (void)prefix;
    (void)uri;
    walk *w = data;
    w->events->end(w->context, (const char *)local_name);
}

rehab_xml_result rehab_xml_parse(
    const char *bytes, long length, const rehab_xml_events *events, void *context) {
    rehab_xml_result result = {0, 0, 0, 0};
    if (!rehab_xml_load()) return result;
    sax_handler handler;
    memset(&handler, 0, sizeof handler);
    handler.characters = characters;
    handler.ignorable_whitespace = characters;
    handler.cdata_block = characters;
    handler.warning = quiet;
    handler.error = quiet;
    handler.fatal_error = quiet;
    handler.structured_error = quiet_structured;
    handler.start_element_ns = start_element;
    handler.end_element_ns = end_element;
    handler.initialized = sax2_magic;
    walk w = {events, context};
    void *parser = xml.create_push(&handler, &w, NULL, 0, NULL);
    if (parser == NULL) return result;
    xml.use_options(parser, options);
    int status = 0;
    long offset = 0;
    while (status == 0 && offset < length) {
        long size = length - offset < chunk ? length - offset : chunk;
        status = xml.parse_chunk(parser, bytes + offset, (int)size, 0);
        offset += size;
    }
    if (status == 0) status = xml.parse_chunk(parser, NULL, 0, 1);
    // xmlParseChunk answers the context's error number: 0 while the document is well formed.
    result.ok = status == 0;
    result.line = xml.line(parser);
    result.column = xml.column(parser);
    result.error_code = status;
    xml.free_context(parser);
    return result;
}
