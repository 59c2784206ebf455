/* status.h — the one status enum, its string table, and the exit codes.
 *
 * Every module returns ju_status; details for a person go into the run's
 * diagnostics (diag.h). main.c maps a status to an exit code. */
#ifndef JU_STATUS_H
#define JU_STATUS_H

typedef enum {
    JU_OK = 0,      /* everything succeeded */
    JU_ERR_DATA,    /* an input file broke the questionnaire's rules (diagnostics say where) */
    JU_ERR_CONFIG,  /* the codebook, master list, metadata or a template is wrong (diagnostics say where) */
    JU_ERR_USAGE,   /* the command line is wrong, or names a folder jusou must not write */
    JU_ERR_IO,      /* a file could not be read or written */
    JU_ERR_NOMEM,   /* memory ran out (the run was unwound: see arena.h) */
    JU_STATUS_COUNT
} ju_status;

/* ju_strstatus() returns a short English description of `s`. */
const char *ju_strstatus(ju_status s);

/* ju_errno_text() is strerror(e), but for EEXIST, which an output gets only
 * when another output of the same run has its name (every output is created
 * new, in the run's own temporary folder): it says so. */
const char *ju_errno_text(int e);

/* Exit codes of the jusou command (documented in README and --help). */
enum {
    JU_EXIT_OK = 0,
    JU_EXIT_DATA = 1,   /* bad input data, codebook or metadata: nothing was written */
    JU_EXIT_USAGE = 2,  /* bad command line */
    JU_EXIT_SYSTEM = 3, /* I/O failure or out of memory */
};

/* ju_exit_code() maps a status to the exit code above. */
int ju_exit_code(ju_status s);

#endif
