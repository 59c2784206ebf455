/* status.c — string table for ju_status; see status.h. */
#include "status.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"

static const char *const status_text[] = {
    [JU_OK] = N_("success"),
    [JU_ERR_DATA] = N_("the input data break the questionnaire's rules"),
    [JU_ERR_CONFIG] = N_("the codebook, master list, survey metadata or a template is wrong"),
    [JU_ERR_USAGE] = N_("wrong command line, or an output folder jusou must not write"),
    [JU_ERR_IO] = N_("a file could not be read or written"),
    [JU_ERR_NOMEM] = N_("out of memory"),
};
_Static_assert(sizeof status_text / sizeof *status_text == JU_STATUS_COUNT,
               "status_text must name every ju_status");

const char *ju_strstatus(ju_status s)
{
    return (unsigned)s < JU_STATUS_COUNT ? _(status_text[s]) : "unknown status";
}

int ju_exit_code(ju_status s)
{
    switch (s) {
    case JU_OK: return JU_EXIT_OK;
    case JU_ERR_DATA:
    case JU_ERR_CONFIG: return JU_EXIT_DATA;
    case JU_ERR_USAGE: return JU_EXIT_USAGE;
    case JU_ERR_IO:
    case JU_ERR_NOMEM:
    case JU_STATUS_COUNT: break;
    }
    return JU_EXIT_SYSTEM;
}

const char *ju_errno_text(int e)
{
    if (e == EEXIST)
        return _("another output of this run has the same name (on some drives names that differ only in upper and "
                 "lower case are one file)");
    return strerror(e);
}
