#include "CEditLine.h"
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

EditLine *ceditline_init(const char *program) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || strcmp(codeset, "UTF-8") != 0) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
    return el_init(program, stdin, stdout, stderr);
}

void ceditline_end(EditLine *el) { el_end(el); }

void ceditline_set_prompt(EditLine *el, ceditline_prompt_fn fn) { el_set(el, EL_PROMPT_ESC, fn, '\1'); }
void ceditline_set_editor(EditLine *el, const char *mode) { el_set(el, EL_EDITOR, mode); }
void ceditline_set_signal(EditLine *el, int on) { el_set(el, EL_SIGNAL, on); }
void ceditline_set_clientdata(EditLine *el, void *data) { el_set(el, EL_CLIENTDATA, data); }

void *ceditline_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

int ceditline_add_function(EditLine *el, const char *name, const char *help, ceditline_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

int ceditline_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

int ceditline_source(EditLine *el) { return el_source(el, NULL); }

void ceditline_set_history(EditLine *el, History *h) { el_set(el, EL_HIST, history, h); }

const char *ceditline_gets(EditLine *el, int *count, int *interrupted) {
    errno = 0;
    const char *line = el_gets(el, count);
    *interrupted = (line == NULL && *count == -1 && errno == EINTR) ? 1 : 0;
    return line;
}

History *ceditline_history_init(int size) {
    History *h = history_init();
    HistEvent ev;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}

void ceditline_history_end(History *h) { history_end(h); }

int ceditline_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

int ceditline_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

int ceditline_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

const char *ceditline_history_newest(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) < 0) return NULL;
    return ev.str;
}

static volatile sig_atomic_t sigint_seen = 0;

static void on_sigint(int sig) {
    (void)sig;
    sigint_seen = 1;
}

void ceditline_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
    /* A parent may have started us with these blocked; a blocked Ctrl-C would never arrive,
       and a blocked SIGHUP or SIGTERM would leave us running after the terminal is gone. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int ceditline_take_sigint(void) {
    int seen = sigint_seen;
    sigint_seen = 0;
    return seen;
}

int ceditline_sigint_pending(void) { return sigint_seen; }

void ceditline_write_stdout(const char *text) { fputs(text, stdout); }
void ceditline_write_stderr(const char *text) { fputs(text, stderr); }
void ceditline_flush_stdout(void) { fflush(stdout); }
void ceditline_write_stdout_bytes(const char *text, size_t length) { fwrite(text, 1, length, stdout); }
void ceditline_clear_stdout_error(void) { clearerr(stdout); }
