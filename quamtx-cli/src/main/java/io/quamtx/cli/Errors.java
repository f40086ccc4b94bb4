package io.quamtx.cli;

/** Turns an exception into the one line the command prints. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += ": " + cause.getMessage();
    }
    return message.replace('\n', ' ');
  }
}
