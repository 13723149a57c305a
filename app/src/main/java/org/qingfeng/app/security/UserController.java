package org.qingfeng.app.security;

import java.util.List;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.monitors.ReferenceData;
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
    private final ReferenceData reference;

    public UserController(UserAccounts accounts, ReferenceData reference) {
        this.accounts = accounts;
        this.reference = reference;
    }

    /** @param staffId optional: the roster id of the person using the account */
    public record UserRequest(String password, List<String> roles, String displayName, String staffId) {}

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
        String staffId = request.staffId() == null || request.staffId().isBlank()
                ? null
                : request.staffId().trim();
        if (staffId != null && reference.staff(staffId).isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-field",
                    "staffId",
                    "no staff member " + staffId + " in the roster");
        }
        accounts.save(username, request.password(), request.roles(), request.displayName(), staffId);
        return accounts.find(username).orElseThrow();
    }

    @GetMapping("/{username}")
    public UserAccounts.Account get(@PathVariable String username) {
        return accounts.find(username)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "user-not-found", "username", "no user " + username));
    }
}
