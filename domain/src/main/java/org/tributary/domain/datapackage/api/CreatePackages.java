package org.tributary.domain.datapackage.api;

import java.util.List;

/**
 * Creates several packages at once, all or none (a bulk upload): each is judged as {@link CreatePackage} would be,
 * and they are appended in one transaction. A refusal names the package by its place ({@code packages[i].…}).
 */
public record CreatePackages(long projectId, List<CreatePackage> packages) {
}
