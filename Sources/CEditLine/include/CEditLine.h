#ifndef CEDITLINE_H
#define CEDITLINE_H

// Fixed-arity wrappers around libedit's variadic calls (el_set, el_get, history), which
// Swift cannot call, plus the signal set-up that needs sigaction's flags.

#include <histedit.h>
#include <stddef.h>

typedef char *(*ceditline_prompt_fn)(EditLine *);
typedef unsigned char (*ceditline_command_fn)(EditLine *, int);

/// Sets the locale from the environment (falling back to C.UTF-8 when the codeset is not
/// UTF-8) and opens an editor on the standard streams.
EditLine *ceditline_init(const char *program);
void ceditline_end(EditLine *el);

void ceditline_set_prompt(EditLine *el, ceditline_prompt_fn fn);
void ceditline_set_editor(EditLine *el, const char *mode);
void ceditline_set_signal(EditLine *el, int on);
void ceditline_set_clientdata(EditLine *el, void *data);
void *ceditline_get_clientdata(EditLine *el);
int ceditline_add_function(EditLine *el, const char *name, const char *help, ceditline_command_fn fn);
int ceditline_bind(EditLine *el, const char *key, const char *function);
int ceditline_source(EditLine *el);
void ceditline_set_history(EditLine *el, History *h);
/// Reads a line; on return *count is -1 for an interrupted read (errno EINTR), 0 for end of input.
const char *ceditline_gets(EditLine *el, int *count, int *interrupted);

History *ceditline_history_init(int size);
void ceditline_history_end(History *h);
int ceditline_history_enter(History *h, const char *line);
int ceditline_history_load(History *h, const char *path);
int ceditline_history_save(History *h, const char *path);
/// The newest entry, or NULL.
const char *ceditline_history_newest(History *h);

/// Installs a SIGINT handler without SA_RESTART, so a Ctrl-C interrupts the read.
void ceditline_install_sigint(void);
/// Returns 1 (and clears the flag) when a SIGINT arrived since the last call.
int ceditline_take_sigint(void);
/// Returns 1 when a SIGINT arrived since the last take, leaving the flag set: for a long
/// command that checks between its steps whether to stop.
int ceditline_sigint_pending(void);

/// Writes to the standard streams (Swift 6 rejects the stdout/stderr globals).
void ceditline_write_stdout(const char *text);
void ceditline_write_stderr(const char *text);
void ceditline_flush_stdout(void);
/// Writes `length` bytes of `text` to standard output (through its buffer).
void ceditline_write_stdout_bytes(const char *text, size_t length);
/// Clears standard output's error flag: a write that Ctrl-C interrupted sets it.
void ceditline_clear_stdout_error(void);

#endif
