package org.qingfeng.app.security;

import java.util.List;
import org.qingfeng.app.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users}: IT creates console and API users and sets their roles. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('IT_ADMIN')")
public class UserController {

    private final UserAccounts accounts;

    public UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    public record UserRequest(String password, List<String> roles, String displayName) {}

    @PutMapping("/{username}")
    public UserAccounts.Account save(@PathVariable String username, @RequestBody UserRequest request) {
        if (!username.matches("[A-Za-z0-9._-]{2,100}")) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-field", "username", "2-100 letters, digits, '.', '_' or '-'");
        }
        if (request.password() == null || request.password().length() < 8) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-field", "password", "at least 8 characters");
        }
        if (request.roles() == null || request.roles().isEmpty() || !UserAccounts.ROLES.containsAll(request.roles())) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-field", "roles", "one or more of " + UserAccounts.ROLES);
        }
        accounts.save(username, request.password(), request.roles(), request.displayName());
        return accounts.find(username).orElseThrow();
    }

    @GetMapping("/{username}")
    public UserAccounts.Account get(@PathVariable String username) {
        return accounts.find(username)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "user-not-found", "username", "no user " + username));
    }
}
